// The article page (/articles/<id>): the stored text as analysed, where it came from and
// the events it reports.
"use strict";
window.CW = window.CW || {};

CW.article = (() => {
  const { el, replace, externalLink, timestamp, eventTitle, place, toll } = CW.dom;

  async function show(view, id) {
    replace(view, el("p", { class: "loading" }, "Loading the article…"));
    view.setAttribute("aria-busy", "true");
    document.title = "Article · clashwatch";
    let article;
    try {
      article = await CW.api.get(`/api/articles/${encodeURIComponent(id)}`);
    } catch (err) {
      replace(view, back(), el("h1", { tabindex: "-1" }, "Article not available"), el("p", {}, err.message));
      view.removeAttribute("aria-busy");
      throw err;
    }
    document.title = `${article.title || article.id} · clashwatch`;
    const events = el("ul", { class: "article-events" });
    const DATE_ORIGINS = { given: " (given at ingest)", page: " (from the page)", feed: " (from the feed)", file: " (file or capture time)" };
    const facts = [
      ["Outlet", article.outlet || "not recorded"],
      article.author ? ["Author", article.author] : null,
      ["Published", article.published ? `${article.published}${DATE_ORIGINS[article.published_origin] || ""}` : "unknown"],
      article.language && article.language !== "en" ? ["Language", `${article.language} (stored, not analysed)`] : null,
      ["Dates resolved against", article.reference_date || "–"],
      ["URL", article.url ? externalLink(article.url) || article.url : "none"],
      ["Version", String(article.version)],
      article.duplicate_of ? ["Copy of", el("a", { href: `/articles/${encodeURIComponent(article.duplicate_of)}` }, article.duplicate_of)] : null,
      ["Stored", stored(article)],
      ["Article id", el("code", {}, article.id)],
    ].filter(Boolean);
    replace(view,
      back(),
      el("header", { class: "article-header" },
        el("p", { class: "eyebrow" }, "Article"),
        el("h1", { tabindex: "-1" }, article.title || article.id),
        el("dl", { class: "facts" }, facts.map(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]))),
      article.warnings.length ? el("section", { class: "panel warnings", "aria-labelledby": "warnings-title" },
        el("h2", { id: "warnings-title" }, "Warnings"),
        el("ul", {}, article.warnings.map((w) => el("li", {}, w)))) : null,
      el("section", { class: "panel", "aria-labelledby": "article-events-title" },
        el("h2", { id: "article-events-title" }, `Events it reports (${article.event_ids.length})`),
        article.event_ids.length ? events : el("p", { class: "muted" }, "No events.")),
      el("section", { class: "panel", "aria-labelledby": "article-text-title" },
        el("h2", { id: "article-text-title" }, "Text"),
        el("div", { class: "article-text" }, article.text)));
    view.removeAttribute("aria-busy");
    fillEvents(events, article.event_ids);
  }

  function stored(article) {
    const when = [timestamp(article.ingested_at)];
    if (article.updated_at && article.updated_at !== article.ingested_at) when.push(`updated ${timestamp(article.updated_at)}`);
    return when.filter(Boolean).join(", ") || "–";
  }

  function back() {
    return el("p", { class: "back" }, el("a", { href: "/" }, "← Back to the map"));
  }

  // Each event id as a link, labelled with the event's type, date and place once known.
  async function fillEvents(list, ids) {
    const items = ids.map((id) => {
      const link = el("a", { href: `/events/${encodeURIComponent(id)}` }, id);
      const detail = el("span", { class: "muted" });
      list.append(el("li", { "data-event-id": id }, link, detail));
      return { id, link, detail };
    });
    await Promise.all(items.slice(0, 30).map(async ({ id, link, detail }) => {
      try {
        const e = await CW.api.get(`/api/events/${encodeURIComponent(id)}`);
        link.textContent = eventTitle(e);
        const dead = e.fatalities === null ? "no figure" : `${toll(e.fatalities, e.fatalities_low, e.fatalities_high)} killed`;
        const review = e.review_state && e.review_state !== "machine" ? e.review_state : null;
        detail.textContent = [" ", e.event_date || "undated", place(e), dead, e.background ? "background" : null, review].filter(Boolean).join(" · ");
      } catch (_) { /* the id stays as the label */ }
    }));
  }

  return { show };
})();
