// Talking to the clashwatch API: fetch with the bearer token, the token form, and the
// dashboard's filter state as it lives in the URL query.
"use strict";
window.CW = window.CW || {};

CW.ApiError = class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
};

CW.auth = (() => {
  const KEY = "clashwatch.token";
  let pending = null;

  function token() {
    try {
      return sessionStorage.getItem(KEY);
    } catch (_) {
      return null;
    }
  }

  function forget() {
    try {
      sessionStorage.removeItem(KEY);
    } catch (_) { /* storage disabled: nothing kept */ }
  }

  // Shows the token form and resolves once the user submits a token (rejects on cancel).
  function ask(reason) {
    if (pending) return pending;
    const dialog = document.getElementById("auth-dialog");
    const form = document.getElementById("auth-form");
    const input = document.getElementById("auth-token");
    document.getElementById("auth-reason").textContent = reason;
    input.value = "";
    pending = new Promise((resolve, reject) => {
      function done(ok) {
        form.removeEventListener("submit", onSubmit);
        dialog.removeEventListener("cancel", onCancel);
        document.getElementById("auth-cancel").removeEventListener("click", onCancel);
        if (dialog.open) dialog.close();
        pending = null;
        if (ok) resolve();
        else reject(new CW.ApiError(401, "This server needs an access token to show its data."));
      }
      function onSubmit(event) {
        event.preventDefault();
        const value = input.value.trim();
        if (!value) return;
        try {
          sessionStorage.setItem(KEY, value);
        } catch (_) { /* kept for this page only */ }
        done(true);
      }
      function onCancel(event) {
        event.preventDefault();
        done(false);
      }
      form.addEventListener("submit", onSubmit);
      dialog.addEventListener("cancel", onCancel);
      document.getElementById("auth-cancel").addEventListener("click", onCancel);
      dialog.showModal();
      input.focus();
    });
    return pending;
  }

  return { token, forget, ask };
})();

CW.api = (() => {
  let config = null;

  async function errorMessage(response) {
    try {
      const body = await response.json();
      if (typeof body.message === "string") return body.message;
      if (typeof body.detail === "string") return body.detail;
      if (Array.isArray(body.detail) && body.detail.length) {
        return body.detail.map((d) => (d && d.msg ? `${(d.loc || []).slice(-1)[0] || "query"}: ${d.msg}` : String(d))).join("; ");
      }
    } catch (_) { /* not JSON */ }
    return `${response.status} ${response.statusText || "error"}`.trim();
  }

  function url(path, params) {
    const query = params ? new URLSearchParams(params).toString() : "";
    return query ? `${path}?${query}` : path;
  }

  async function fetchOk(path, params) {
    for (;;) {
      const headers = { Accept: "application/json" };
      const token = CW.auth.token();
      if (token) headers.Authorization = `Bearer ${token}`;
      let response;
      try {
        response = await fetch(url(path, params), { headers });
      } catch (err) {
        throw new CW.ApiError(0, `The clashwatch server could not be reached (${err.message}).`);
      }
      // 401: no token sent; 403 on a server whose reads need one: the token was refused.
      if (response.status === 401 || (response.status === 403 && token && config && config.reads_need_token)) {
        CW.auth.forget();
        await CW.auth.ask(token ? "That token was not accepted. Enter a valid access token." : "This server asks for an access token to read its data.");
        continue;
      }
      if (!response.ok) throw new CW.ApiError(response.status, await errorMessage(response));
      return response;
    }
  }

  async function get(path, params) {
    return (await fetchOk(path, params)).json();
  }

  async function loadConfig() {
    config = await get("/api/config");
    return config;
  }

  // Every GeoJSON feature matching the filters, following next_cursor (at most `cap`).
  // A download link that also works when reads need the token (an <a href> cannot send the header).
  async function download(path, params, filename) {
    const response = await fetchOk(path, params);
    const blob = await response.blob();
    const href = URL.createObjectURL(blob);
    const link = CW.dom.el("a", { href, download: filename, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10000);
  }

  return { get, url, loadConfig, download, errorMessage, config: () => config };
})();

// The dashboard's filters, as in /?country=KG&type=Battles&date_from=...&include_background=1
CW.filters = (() => {
  const KEYS = ["country", "admin1", "type", "date_from", "date_to", "bbox", "min_fatalities", "text", "include_background", "review_state"];
  const TRUE = new Set(["1", "true", "yes", "on"]);
  const REVIEW_STATES = ["machine", "corrected", "verified", "rejected"];
  const REVIEW_DEFAULT = "machine,corrected,verified";  // what the server shows without the filter

  // "verified,machine" -> "machine,verified": known states in their order; the default (or none) -> "".
  function reviewStates(value) {
    const wanted = new Set(String(value || "").toLowerCase().split(",").map((v) => v.trim()));
    const text = REVIEW_STATES.filter((s) => wanted.has(s)).join(",");
    return text === REVIEW_DEFAULT ? "" : text;
  }

  function fromSearch(search) {
    const query = new URLSearchParams(search === undefined ? location.search : search);
    const filters = {};
    for (const key of KEYS) {
      const value = (query.get(key) || "").trim();
      if (!value) continue;
      if (key === "include_background") {
        if (TRUE.has(value.toLowerCase())) filters.include_background = "1";
      } else if (key === "review_state") {
        const states = reviewStates(query.getAll(key).join(","));
        if (states) filters.review_state = states;
      } else {
        filters[key] = value;
      }
    }
    return filters;
  }

  function toSearch(filters) {
    const query = new URLSearchParams();
    for (const key of KEYS) if (filters[key]) query.set(key, filters[key]);
    const text = query.toString();
    return text ? `?${text}` : "";
  }

  // Parameters for the API; `omit` drops keys (the timeline ignores the date filter).
  function toApi(filters, omit = []) {
    const params = {};
    for (const key of KEYS) {
      if (!filters[key] || omit.includes(key)) continue;
      params[key] = key === "include_background" ? "true" : filters[key];
    }
    return params;
  }

  function same(a, b) {
    return toSearch(a) === toSearch(b);
  }

  return { KEYS, REVIEW_STATES, REVIEW_DEFAULT, reviewStates, fromSearch, toSearch, toApi, same };
})();
