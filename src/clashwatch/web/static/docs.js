// The OpenAPI page (/docs): Swagger UI over /openapi.json. "Try it out" sends the token
// the dashboard keeps for this tab, if any.
"use strict";

window.addEventListener("DOMContentLoaded", () => {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
    tryItOutEnabled: false,
    requestInterceptor(request) {
      let token = null;
      try {
        token = sessionStorage.getItem("clashwatch.token");
      } catch (_) { /* storage disabled */ }
      if (token && !request.headers.Authorization) request.headers.Authorization = `Bearer ${token}`;
      return request;
    },
  });
});
