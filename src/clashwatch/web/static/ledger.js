// The event page (/events/<id>): what happened, the estimate and its reasoning, the claim
// ledger, the toll over time, and the reports merged into the event.
"use strict";
window.CW = window.CW || {};

CW.ledger = (() => {
  const { el, replace, number, dateWithPrecision, geoPrecision, place, eventTitle, toll, slug, highlighted, externalLink } = CW.dom;

  const INTER = {
    1: "state forces", 2: "rebel group", 3: "political militia", 4: "identity militia",
    5: "rioters", 6: "protesters", 7: "civilians", 8: "external/other forces",
  };
  const SCOPE = { all: "all", one_side: "one side", civilians: "civilians", military: "military" };

  function backHref() {
    return `/${CW.filters.toSearch(CW.filters.fromSearch(location.search))}`;
  }

  async function show(view, id) {
    replace(view, el("p", { class: "loading" }, "Loading the event…"));
    view.setAttribute("aria-busy", "true");
    document.title = "Event · clashwatch";
    let event;
    try {
      event = await CW.api.get(`/api/events/${encodeURIComponent(id)}`);
    } catch (err) {
      replace(view, backLink(), el("h1", { tabindex: "-1" }, "Event not available"), el("p", {}, err.message));
      view.removeAttribute("aria-busy");
      throw err;
    }
    render(view, event);
  }

  // The page of one event's detail; the review desk calls it again with the detail a
  // correction returns.
  function render(view, event) {
    document.title = `${eventTitle(event)}, ${event.event_date || "undated"} · clashwatch`;
    replace(view,
      backLink(),
      header(event),
      CW.review.desk(event),
      estimate(event),
      ledgerSection(event.claims, event.rationale, {
        id: "claims", title: "Claim ledger", empty: "No casualty figures were reported for this event.",
        caption: "Every figure reported for this event: who said it, what it covers and the sentence it came from.",
      }),
      CW.review.history(event),
      event.history_claims.length ? ledgerSection(event.history_claims, [], {
        id: "history", title: "Superseded claims", superseded: true,
        caption: "Figures from earlier versions of updated articles, kept as history; they no longer count.",
      }) : null,
      tollSection(event.toll_history),
      mentionsSection(event.mentions));
    view.removeAttribute("aria-busy");
  }

  function backLink() {
    return el("p", { class: "back" }, el("a", { href: backHref() }, "← Back to the map"));
  }

  function actor(name, inter, country) {
    if (!name) return null;
    const extra = [INTER[inter], country].filter(Boolean).join(", ");
    return el("span", { class: "actor" }, name, extra ? el("span", { class: "muted" }, ` (${extra})`) : null);
  }

  function header(e) {
    const coords = e.latitude !== null && e.longitude !== null ? `${e.latitude.toFixed(4)}, ${e.longitude.toFixed(4)}` : null;
    const actors = [actor(e.actor1, e.inter1, e.actor1_country), actor(e.actor2, e.inter2, e.actor2_country)].filter(Boolean);
    const facts = [
      ["Date", [dateWithPrecision(e), CW.review.machineNote(e, "event_date", "date")]],
      ["Place", [place(e), el("span", { class: "muted" }, ` · precision: ${geoPrecision(e.geo_precision)}`),
        coords ? el("span", { class: "muted" }, ` · ${coords}`) : null,
        e.geonameid ? el("span", { class: "muted" }, ` · GeoNames ${e.geonameid}`) : null,
        CW.review.machineNote(e, "location", "latitude", "geonameid")]],
      ["Actors", [actors.length ? actors.flatMap((a, i) => (i ? [" vs ", a] : [a])) : "not named", CW.review.machineNote(e, "actor1", "actor2")]],
      ["Weapons", e.weapons.length ? e.weapons.join(", ") : "none mentioned"],
      ["Reports", `${number(e.n_articles)} article${e.n_articles === 1 ? "" : "s"}, ${number(e.n_mentions)} mention${e.n_mentions === 1 ? "" : "s"}${e.outlets.length ? ` · ${e.outlets.join(", ")}` : ""}`],
      ["Event id", el("code", {}, e.id)],
    ];
    return el("header", { class: "event-header" },
      el("p", { class: "eyebrow" },
        el("span", { class: `swatch type-${slug(e.event_type)}`, "aria-hidden": "true" }), "Event",
        CW.review.badge(e),
        e.plover ? el("span", { class: "badge plover", title: "PLOVER event category" }, `PLOVER ${e.plover}`) : null,
        e.background ? el("span", { class: "badge background", title: "a past event the articles only recall" }, "BACKGROUND") : null,
        e.interaction ? el("span", { class: "badge", title: "ACLED interaction code" }, `interaction ${e.interaction}`) : null),
      el("h1", { tabindex: "-1" }, eventTitle(e), CW.review.machineNote(e, "event_type", "sub_event_type")),
      e.notes ? el("p", { class: "lede" }, `“${e.notes}”`) : null,
      el("dl", { class: "facts" }, facts.map(([term, value]) => [el("dt", {}, term), el("dd", {}, value)])));
  }

  function estimate(e) {
    const hasFigure = e.fatalities !== null;
    return el("section", { class: "panel estimate", "aria-labelledby": "estimate-title" },
      el("h2", { id: "estimate-title" }, "Fatality estimate"),
      el("div", { class: "estimate-body" },
        el("div", { class: "estimate-figures" },
          el("p", { class: "best" }, el("span", { class: "best-value" }, hasFigure ? number(e.fatalities) : "no figure"),
            el("span", { class: "best-label" }, "fatalities" in (e.machine || {}) ? "analyst's figure" : "best estimate")),
          CW.review.machineNote(e, "fatalities"),
          hasFigure ? el("p", { class: "range" }, `low ${number(e.fatalities_low)} – high ${e.fatalities_high === null ? "open" : number(e.fatalities_high)}`) : null),
        el("div", { class: "estimate-reasoning" },
          el("h3", {}, "How it was reached"),
          e.rationale_text.length
            ? el("ol", { class: "rationale" }, e.rationale_text.map((line) => el("li", {}, line)))
            : el("p", { class: "muted" }, "No reasoning recorded."),
          e.contradictions_text.length ? [
            el("h3", {}, "Contradictions"),
            el("ul", { class: "contradictions" }, e.contradictions_text.map((line) => el("li", {}, line))),
          ] : null)));
  }

  function figureValue(c) {
    if (c.status === "none_reported") return "none reported";
    if (c.status === "undisclosed") return "undisclosed";
    if (c.low === null && c.high === null) return "?";
    const approx = c.approximate ? "≈" : "";
    if (c.high === null) return `${approx}${number(c.low)}+`;
    if (c.low === null || c.low === c.high) return `${approx}${number(c.high)}`;
    return `${approx}${number(c.low)}–${number(c.high)}`;
  }

  const KIND_ORDER = ["killed", "injured", "missing", "abducted", "arrested", "displaced"];

  function ledgerSection(claims, rationale, { id, title, caption, empty, superseded }) {
    const section = el("section", { class: `panel ledger${superseded ? " superseded" : ""}`, id, "aria-labelledby": `${id}-title` },
      el("h2", { id: `${id}-title` }, title));
    if (!claims.length) {
      section.append(el("p", { class: "muted" }, empty));
      return section;
    }
    const sorted = [...claims].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id - b.id);
    const table = el("table", { class: "ledger-table" },
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, ["Figure", "Kind", "Source", "Scope", "As of", "In its sentence", "Article", superseded ? "Status" : "In the estimate"]
        .map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, sorted.map((c) => claimRow(c, c.roles || [], superseded))));
    section.append(el("div", { class: "table-wrap" }, labelCells(table)));
    return section;
  }

  // Each cell carries its column's name, which the phone layout writes above it.
  function labelCells(table) {
    const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, i) => { if (names[i]) cell.dataset.label = names[i]; });
    }
    return table;
  }

  function claimRow(c, roleLabels, superseded) {
    const flags = [
      c.section === "headline" ? "headline" : null,
      c.revised ? "revised" : null,
      c.increment ? "increment" : null,
    ].filter(Boolean);
    const scope = [SCOPE[c.scope] || c.scope || "–", c.scope_party ? ` (${c.scope_party})` : ""].join("");
    const articleLabel = c.title || c.article_id;
    return el("tr", { "data-claim-id": c.id, "data-kind": c.kind, "data-status": c.status, class: superseded ? "is-superseded" : null },
      el("td", { class: "figure" },
        el("span", { class: "figure-value" }, figureValue(c)),
        c.figure && c.status === "figure" ? el("span", { class: "figure-written" }, `“${c.figure}”`) : null,
        flags.map((f) => el("span", { class: "badge small" }, f))),
      el("td", {}, c.kind),
      el("td", { class: "source" }, el("span", { class: "source-name" }, c.source_name || c.source),
        c.source_type ? el("span", { class: "muted source-type" }, c.source_type) : null),
      el("td", {}, scope),
      el("td", { class: "nowrap" }, c.as_of || "–"),
      el("td", { class: "sentence" }, highlighted(c.sentence, c.figure_in_sentence)),
      el("td", { class: "article" }, el("div", { class: "cell-links" },
        el("a", { href: `/articles/${encodeURIComponent(c.article_id)}` }, articleLabel),
        el("span", { class: "muted" }, [c.outlet, c.published].filter(Boolean).join(" · ")),
        externalLink(c.url, "original ↗"))),
      el("td", { class: "role" }, superseded ? "superseded" : roleLabels.length ? roleLabels.join("; ") : c.kind === "killed" ? "counted" : "–"));
  }

  function tollSection(history) {
    const section = el("section", { class: "panel toll", "aria-labelledby": "toll-title" },
      el("h2", { id: "toll-title" }, "Death toll over time, by source"));
    const series = Object.entries(history || {}).filter(([, points]) => points.some((p) => p.as_of && p.low !== null));
    if (!series.length) {
      section.append(el("p", { class: "muted" }, "No dated killed figures to chart."));
      return section;
    }
    const chart = el("div", { class: "toll-chart" });
    section.append(chart);
    requestAnimationFrame(() => CW.tollChart.render(chart, series));
    return section;
  }

  function mentionsSection(mentions) {
    const section = el("section", { class: "panel mentions", "aria-labelledby": "mentions-title" },
      el("h2", { id: "mentions-title" }, `Reports merged into this event (${mentions.length})`));
    const table = el("table", { class: "mentions-table" },
      el("thead", {}, el("tr", {}, ["Outlet", "Published", "Article", "As the article reports it", "Why it joined"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, mentions.map((m) => el("tr", { "data-mention-id": m.id },
        el("td", {}, m.outlet || "–"),
        el("td", { class: "nowrap" }, m.published || "–"),
        el("td", { class: "article" }, el("div", { class: "cell-links" },
          el("a", { href: `/articles/${encodeURIComponent(m.article_id)}` }, m.title || m.article_id),
          m.is_main ? el("span", { class: "badge small" }, "main event") : null,
          externalLink(m.url, "original ↗"))),
        el("td", {}, `${eventTitle(m)}, ${m.event_date || "undated"}, ${place(m)}`,
          m.fatalities !== null ? ` · ${toll(m.fatalities, m.fatalities_low, m.fatalities_high)} killed` : "",
          m.sentence ? el("span", { class: "muted block" }, `“${m.sentence}”`) : null),
        el("td", {}, m.merge_text || "–")))));
    section.append(el("div", { class: "table-wrap" }, labelCells(table)));
    return section;
  }

  return { show, render };
})();

// The toll-over-time chart: x = as-of date, y = figure (a bar from low to high when both
// are known, an arrow up for open-ended figures such as "at least 100"), one colour per source.
CW.tollChart = (() => {
  const parse = d3.utcParse("%Y-%m-%d");
  const DAY = 86400000;

  function render(container, series) {
    const width = Math.max(240, Math.min(960, container.clientWidth || 800));
    const height = 260;
    const margin = { top: 16, right: 24, bottom: 30, left: 48 };
    const colour = d3.scaleOrdinal(d3.schemeTableau10).domain(series.map(([name]) => name));
    const points = series.flatMap(([name, list]) => list.filter((p) => p.as_of && p.low !== null)
      .map((p) => ({ ...p, source: name, day: parse(p.as_of) })));
    const [first, last] = d3.extent(points, (p) => p.day);
    const spanDays = Math.round((last - first) / DAY);
    const pad = Math.max(DAY / 2, (last - first) * 0.06);
    const x = d3.scaleUtc().domain([new Date(+first - pad), new Date(+last + pad)]).range([margin.left, width - margin.right]);
    const xAxis = d3.axisBottom(x).tickSizeOuter(0);
    if (spanDays <= 60) {
      const step = Math.max(1, Math.ceil((spanDays + 1) / 8));
      xAxis.tickValues(d3.utcDay.range(first, d3.utcDay.offset(last, 1), step)).tickFormat(d3.utcFormat("%Y-%m-%d"));
    } else {
      xAxis.ticks(Math.min(8, Math.floor(width / 110))).tickFormat(CW.timeline.tickFormat(x));
    }
    const top = d3.max(points, (p) => Math.max(p.low, p.high || 0)) || 1;
    const y = d3.scaleLinear().domain([0, top * 1.15]).nice().range([height - margin.bottom, margin.top]);

    const svg = d3.select(container).append("svg")
      .attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`)
      .attr("role", "img")
      .attr("aria-label", `Killed figures over time from ${series.length} source${series.length === 1 ? "" : "s"}`);
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(xAxis);
    svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).tickValues(CW.timeline.wholeTicks(y, 5)).tickFormat(d3.format("~s")).tickSizeOuter(0))
      .call((g) => g.append("text").attr("class", "axis-label").attr("x", 4).attr("y", margin.top - 4).text("killed"));

    const offset = d3.scalePoint().domain(series.map(([name]) => name)).range([-6, 6]);
    const px = (p) => x(p.day) + (series.length > 1 ? offset(p.source) : 0);
    const line = d3.line().x(px).y((p) => y(p.low));
    for (const [name] of series) {
      const mine = points.filter((p) => p.source === name).sort((a, b) => a.day - b.day);
      const g = svg.append("g").attr("class", "series").attr("data-source", name).style("color", colour(name));
      const perDay = d3.rollups(mine, (ps) => ps.reduce((a, b) => (b.low > a.low ? b : a)), (p) => +p.day).map(([, p]) => p);
      if (perDay.length > 1) g.append("path").attr("class", "series-line").attr("d", line(perDay));
      const marks = g.selectAll("g.point").data(mine).join("g")
        .attr("class", (p) => `point${p.current ? "" : " superseded"}`);
      marks.filter((p) => p.high !== null && p.high !== p.low).append("line")
        .attr("class", "range").attr("x1", px).attr("x2", px).attr("y1", (p) => y(p.low)).attr("y2", (p) => y(p.high));
      marks.filter((p) => p.high === null).append("path")
        .attr("class", "open-ended").attr("d", (p) => `M${px(p)},${y(p.low) - 15}l-4.5,7h9z`);
      marks.append("circle").attr("cx", px).attr("cy", (p) => y(p.low)).attr("r", 4.5);
      marks.append("title").text((p) => `${name}, as of ${p.as_of}: ${p.figure || p.low}${p.current ? "" : " (superseded version)"}`);
    }

    const legend = CW.dom.el("ul", { class: "chart-legend" }, series.map(([name]) => CW.dom.el("li", {},
      CW.dom.el("span", { class: "legend-swatch", style: `background:${colour(name)}`, "aria-hidden": "true" }), name)),
    CW.dom.el("li", { class: "muted" }, "▲ open-ended (“at least”) · bar: low–high range · hollow: superseded version"));
    container.append(legend);
  }

  return { render };
})();
