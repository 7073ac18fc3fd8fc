// The dashboard view (/): filter bar, match count, map, event list and timeline, all
// driven by the filters in the URL query.
"use strict";
window.CW = window.CW || {};

CW.dashboard = (() => {
  const { el, eventTitle, place, toll, number, slug } = CW.dom;
  const $ = (id) => document.getElementById(id);
  const LIST_PAGE = 50;

  let started = false;
  let shownKey = null;
  let timelineKey = null;
  let timelineDays = [];
  let generation = 0;
  let listCursor = null;
  let typingTimer = null;
  let mapComplete = false;  // every matching event is on the map as itself: moving it asks nothing
  let viewSeq = 0;

  function currentFilters() {
    return CW.filters.fromSearch(location.search);
  }

  function eventHref(id) {
    return `/events/${encodeURIComponent(id)}${CW.filters.toSearch(currentFilters())}`;
  }

  function start() {
    started = true;
    CW.map.init($("map"), CW.api.config(), { eventHref });
    CW.map.onViewChange(refreshMapView);
    const type = $("f-type");
    for (const name of CW.map.TYPES) type.append(el("option", { value: name }, name));

    const form = $("filters");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      applyForm();
    });
    for (const id of ["f-country", "f-type", "f-from", "f-to", "f-background", "f-text", "f-review"]) {
      $(id).addEventListener("change", applyForm);
    }
    $("f-text").addEventListener("input", () => {
      clearTimeout(typingTimer);
      typingTimer = setTimeout(applyForm, 600);
    });
    // the review-state menu closes on a click elsewhere and on Escape
    document.addEventListener("click", (event) => {
      if ($("f-review").open && !event.target.closest("#f-review")) $("f-review").open = false;
    });
    $("f-review").addEventListener("keydown", (event) => {
      if (event.key === "Escape" && $("f-review").open) {
        $("f-review").open = false;
        $("f-review").querySelector("summary").focus();
      }
    });
    $("f-clear").addEventListener("click", () => setFilters({}));
    $("reset-dates").addEventListener("click", () => setFilters({ ...currentFilters(), date_from: null, date_to: null }));
    $("list-more").addEventListener("click", loadMoreList);
    for (const [id, path, name] of [["dl-csv", "/api/events.csv", "clashwatch-events.csv"], ["dl-geojson", "/api/events.geojson", "clashwatch-events.geojson"]]) {
      $(id).addEventListener("click", (event) => {
        if (!CW.auth.token()) return;
        event.preventDefault();
        const params = Object.fromEntries(new URL($(id).href).searchParams);
        CW.api.download(path, params, name).catch(CW.app.showError);
      });
    }
    let resizeFrame = null;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(resizeFrame);
      resizeFrame = requestAnimationFrame(() => {
        if (!$("view-dashboard").hidden) drawTimeline();
      });
    });
  }

  async function loadCountries() {
    const stats = await CW.api.get("/api/stats");
    const select = $("f-country");
    for (const added of select.querySelectorAll("option[data-added]")) added.remove();  // a URL's value, before the list came
    for (const row of stats.by_country) {
      if (!row.country && !row.country_code) continue;
      const value = row.country_code || row.country;
      select.append(el("option", { value, "data-name": row.country || "" }, `${row.country || row.country_code} (${number(row.events)})`));
    }
    syncForm(currentFilters());
  }

  // Selects the option matching `value` (by value or country name), adding one when none does.
  function choose(select, value) {
    if (!value) {
      select.value = "";
      return;
    }
    const wanted = value.toLowerCase();
    let option = [...select.options].find((o) => o.value.toLowerCase() === wanted || (o.dataset.name || "").toLowerCase() === wanted);
    if (!option) {
      option = el("option", { value, "data-added": "1" }, value);
      select.append(option);
    }
    select.value = option.value;
  }

  function syncForm(filters) {
    choose($("f-country"), filters.country);
    choose($("f-type"), filters.type);
    $("f-from").value = filters.date_from || "";
    $("f-to").value = filters.date_to || "";
    const text = $("f-text");
    if (text.value.trim() !== (filters.text || "")) text.value = filters.text || "";
    $("f-background").checked = Boolean(filters.include_background);
    const review = new Set((filters.review_state || CW.filters.REVIEW_DEFAULT).split(","));
    for (const box of $("f-review").querySelectorAll("input[type=checkbox]")) box.checked = review.has(box.value);
    $("f-review-summary").textContent = reviewSummary(filters.review_state);
    $("reset-dates").disabled = !(filters.date_from || filters.date_to);
  }

  function reviewSummary(states) {
    if (!states) return "all but rejected";
    const list = states.split(",");
    return list.length === CW.filters.REVIEW_STATES.length ? "all, with rejected" : list.join(", ");
  }

  function applyForm() {
    clearTimeout(typingTimer);
    const boxes = [...$("f-review").querySelectorAll("input[type=checkbox]")];
    if (!boxes.some((box) => box.checked)) {  // no state at all: back to the default, not an empty map
      const usual = CW.filters.REVIEW_DEFAULT.split(",");
      for (const box of boxes) box.checked = usual.includes(box.value);
    }
    const filters = {
      ...currentFilters(),
      country: $("f-country").value,
      type: $("f-type").value,
      date_from: $("f-from").value,
      date_to: $("f-to").value,
      text: $("f-text").value.trim(),
      include_background: $("f-background").checked ? "1" : "",
      review_state: CW.filters.reviewStates([...$("f-review").querySelectorAll("input:checked")].map((box) => box.value).join(",")),
    };
    setFilters(filters);
  }

  function setFilters(filters) {
    if (CW.filters.same(filters, currentFilters())) return;
    history.pushState(null, "", `/${CW.filters.toSearch(filters)}`);
    show();
  }

  async function show() {
    if (!started) start();
    const filters = currentFilters();
    syncForm(filters);
    CW.map.refresh();
    const key = CW.filters.toSearch(filters);
    if (key === shownKey) return;
    shownKey = key;
    await load(filters);
  }

  function setLinks(filters) {
    const params = CW.filters.toApi(filters);
    $("dl-csv").href = CW.api.url("/api/events.csv", params);
    $("dl-geojson").href = CW.api.url("/api/events.geojson", { ...params, limit: "5000" });
    $("dl-geojson").setAttribute("download", "clashwatch-events.geojson");
  }

  async function load(filters) {
    const mine = ++generation;
    const view = $("view-dashboard");
    view.setAttribute("aria-busy", "true");
    $("match-count").textContent = "Loading events…";
    setLinks(filters);
    const params = CW.filters.toApi(filters);
    const undated = CW.filters.toSearch({ ...filters, date_from: null, date_to: null });
    try {
      // The map is drawn as soon as its grid comes, before the counts and the list.
      let onMap = 0;
      const grid = CW.api.get("/api/events.grid", { ...params, zoom: String(CW.map.view().zoom) }).then((data) => {
        if (mine === generation) {
          viewSeq++;
          mapComplete = data.features !== null;
          onMap = drawMap(data, true);
          requestAnimationFrame(() => {
            if (!performance.getEntriesByName("cw-map-painted").length) {
              performance.mark("cw-map-painted");
              CW.map.basemap();
              loadCountries().catch(CW.app.showError);  // the filter's list of countries, after the map
            }
            $("map").dataset.painted = "1";
          });
        }
        return data;
      });
      // The counts (a scan of every matching event) wait for the map, which is what a user
      // sees first, so that they do not compete with it for the server.
      const page = CW.api.get("/api/events", { ...params, limit: String(LIST_PAGE) });
      const counted = grid.then(() => Promise.all([
        CW.api.get("/api/stats", params),
        undated === timelineKey ? null : CW.api.get("/api/stats", CW.filters.toApi(filters, ["date_from", "date_to"])),
      ]));
      const [[stats, timeline], , listed] = await Promise.all([counted, grid, page]);
      if (mine !== generation) return;
      if (timeline) {
        timelineDays = timeline.by_day;
        timelineKey = undated;
      }
      CW.app.clearError();
      showSummary(stats, onMap);
      showList(listed, false);
      drawTimeline();
    } catch (err) {
      CW.map.basemap();
      if (mine !== generation) return;
      shownKey = null;
      $("match-count").textContent = "Could not load the events.";
      CW.app.showError(err);
    } finally {
      if (mine === generation) view.removeAttribute("aria-busy");
    }
  }

  // Single events (`features`) when the server sent them, else its grid's cells.
  function drawMap(data, fit) {
    return data.features !== null ? CW.map.show(data.features, fit) : CW.map.showGrid(data, fit);
  }

  // The map moved: the grid of what it now shows, at its zoom (single events once few are in view).
  async function refreshMapView({ zoom, view }) {
    if (mapComplete || shownKey === null) return;
    const mine = generation;
    const seq = ++viewSeq;
    try {
      const data = await CW.api.get("/api/events.grid", { ...CW.filters.toApi(currentFilters()), zoom: String(zoom), view });
      if (mine === generation && seq === viewSeq) drawMap(data, false);
    } catch (err) {
      CW.app.showError(err);
    }
  }

  function showSummary(stats, onMap) {
    const none = stats.events === 0;
    $("match-count").textContent = none
      ? "No events match these filters."
      : `${number(stats.events)} event${stats.events === 1 ? "" : "s"} match · ${number(stats.fatalities)} killed (sum of best estimates)`;
    $("match-count").dataset.count = String(stats.events);
    const notes = [];
    const missing = stats.events - onMap;
    if (missing > 0) notes.push(`${number(missing)} without coordinates ${missing === 1 ? "is" : "are"} not on the map`);
    $("map-note").textContent = notes.join("; ");
    $("map-empty").hidden = !none;
    $("empty-state").hidden = !none;
  }

  function showList(page, more) {
    const list = $("event-list");
    if (!more) list.replaceChildren();
    for (const event of page.events) list.append(listItem(event));
    listCursor = page.next_cursor;
    $("list-more").hidden = !listCursor;
  }

  async function loadMoreList() {
    if (!listCursor) return;
    const mine = generation;
    const params = { ...CW.filters.toApi(currentFilters()), limit: String(LIST_PAGE), cursor: listCursor };
    try {
      const page = await CW.api.get("/api/events", params);
      if (mine === generation) showList(page, true);
    } catch (err) {
      CW.app.showError(err);
    }
  }

  function listItem(event) {
    const dead = event.fatalities;
    return el("li", { class: "event-item", "data-event-id": event.id },
      el("a", { class: "event-link", href: eventHref(event.id) },
        el("span", { class: `swatch type-${slug(event.event_type)}`, "aria-hidden": "true" }),
        eventTitle(event)),
      event.background ? el("span", { class: "badge background", title: "a past event the articles only recall" }, "background") : null,
      CW.review.badge(event, { quiet: true }),
      el("p", { class: "event-meta" }, `${event.event_date || "undated"} · ${place(event)}`),
      el("p", { class: dead === null ? "event-toll none" : "event-toll" },
        dead === null ? "no figure" : `${toll(dead, event.fatalities_low, event.fatalities_high)} killed`,
        ` · ${number(event.n_articles)} article${event.n_articles === 1 ? "" : "s"}`));
  }

  function drawTimeline() {
    const filters = currentFilters();
    CW.timeline.render($("timeline"), timelineDays, { from: filters.date_from, to: filters.date_to }, ({ from, to }) => {
      setFilters({ ...currentFilters(), date_from: from, date_to: to });
    });
  }

  return { show, eventHref };
})();
