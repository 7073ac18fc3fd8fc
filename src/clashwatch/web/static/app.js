// The single-page app: routes on location.pathname, keeps links inside the app with
// history.pushState, and shows API errors in the banner.
"use strict";
window.CW = window.CW || {};

CW.app = (() => {
  const $ = (id) => document.getElementById(id);
  const VIEWS = ["view-dashboard", "view-event", "view-article", "view-missing"];
  const IN_APP = /^\/(?:$|events\/[^/]+\/?$|articles\/[^/]+\/?$)/;

  function showError(err) {
    $("banner-text").textContent = err && err.message ? err.message : String(err);
    $("banner").hidden = false;
  }

  function clearError() {
    $("banner").hidden = true;
    $("banner-text").textContent = "";
  }

  function showView(id) {
    for (const view of VIEWS) $(view).hidden = view !== id;
    return $(id);
  }

  function focusHeading(view) {
    const heading = view.querySelector("h1");
    if (heading) heading.focus({ preventScroll: true });
  }

  async function route() {
    clearError();
    const path = location.pathname;
    let match;
    try {
      if (path === "/" || path === "/index.html") {
        showView("view-dashboard");
        document.title = "clashwatch · events map";
        await CW.dashboard.show();
      } else if ((match = path.match(/^\/events\/([^/]+)\/?$/))) {
        const view = showView("view-event");
        await CW.ledger.show(view, decodeURIComponent(match[1]));
        focusHeading(view);
      } else if ((match = path.match(/^\/articles\/([^/]+)\/?$/))) {
        const view = showView("view-article");
        await CW.article.show(view, decodeURIComponent(match[1]));
        focusHeading(view);
      } else {
        focusHeading(showView("view-missing"));
        document.title = "Not found · clashwatch";
      }
    } catch (err) {
      showError(err);
    }
  }

  function navigate(href) {
    history.pushState(null, "", href);
    window.scrollTo(0, 0);
    route();
  }

  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest("a[href]");
    if (!link || link.target || link.hasAttribute("download")) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !IN_APP.test(url.pathname)) return;
    event.preventDefault();
    if (url.pathname + url.search === location.pathname + location.search) return;
    navigate(url.pathname + url.search + url.hash);
  }

  async function start() {
    $("banner-close").addEventListener("click", clearError);
    document.addEventListener("click", onClick);
    window.addEventListener("popstate", route);
    try {
      const config = await CW.api.loadConfig();
      $("server-version").textContent = `v${config.clashwatch_version}${config.reads_need_token ? " · token required" : ""}`;
    } catch (err) {
      showError(err);
      return;
    }
    await route();
  }

  document.addEventListener("DOMContentLoaded", start);
  return { showError, clearError, navigate, route };
})();
