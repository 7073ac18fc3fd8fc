// The review desk on the event page: the review-state badge, the analyst's corrections
// (type, date, place, actors, toll), merge, split, verify and reject, each with its reason,
// and the correction history under the claim ledger. The edit mode shows only when the
// server takes writes (/api/config "writes"); every write sends the bearer token, asked
// once and kept in the tab's session storage.
"use strict";
window.CW = window.CW || {};

CW.review = (() => {
  const { el, replace, number, timestamp, place, eventTitle } = CW.dom;

  const STATES = ["machine", "corrected", "verified", "rejected"];
  const STATE_TEXT = {
    machine: "machine-coded: no analyst has looked",
    corrected: "corrected by an analyst",
    verified: "verified by an analyst",
    rejected: "rejected by an analyst: not an event; hidden by default",
  };
  // ACLED's event types and sub-event types, as clashwatch.model.ACLED_TYPES has them
  // (tests/web/test_review_desk.py holds the two lists equal).
  const ACLED_TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
      "Remote explosive/landmine/IED", "Grenade"],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
      "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"],
  };
  const FIELD_NAMES = {
    type: "type", event_type: "event type", sub_event_type: "sub-event type", date: "date", place: "place",
    actors: "actors", actor1: "actor 1", actor2: "actor 2", fatalities: "toll", merge: "merge", split: "split",
    verify: "verified", reject: "rejected",
  };
  const WHO_KEY = "clashwatch.reviewer";

  // The desk's state across re-renders of the event page.
  let openFor = null;
  let status = null;  // {eventId, text} shown once after a re-render
  let pickerMap = null;

  function stateOf(record) {
    const value = record && record.review_state;
    return STATES.includes(value) ? value : "machine";
  }

  // The review state as a badge; `quiet` leaves out the usual "machine" (lists, popups).
  function badge(record, { quiet = false } = {}) {
    const state = stateOf(record);
    if (quiet && state === "machine") return null;
    return el("span", { class: `badge review review-${state}`, title: STATE_TEXT[state], "data-review-state": state }, state);
  }

  // -------------------------------------------------------------------- values in words

  function toll(best, low, high) {
    if (best === null || best === undefined) return "no figure";
    const range = (low != null && low !== best) || (high !== best) ? ` (low ${low == null ? "–" : number(low)}, high ${high == null ? "open" : number(high)})` : "";
    return `${number(best)}${range}`;
  }

  function pointText(v) {
    return v.latitude != null && v.longitude != null ? `${Number(v.latitude).toFixed(4)}, ${Number(v.longitude).toFixed(4)}` : null;
  }

  function valueText(value) {
    if (value === null || value === undefined || value === "") return "–";
    if (Array.isArray(value)) return value.map(valueText).join(", ");
    if (typeof value === "object") return Object.entries(value).map(([k, v]) => `${k}: ${valueText(v)}`).join(", ");
    return String(value);
  }

  // A correction's value before or after, in words, by its field (the store keeps the
  // columns the field covers: {"fatalities", "fatalities_low", "fatalities_high"}, ...).
  function changeText(field, v) {
    if (v === null || v === undefined || typeof v !== "object" || Array.isArray(v)) return valueText(v);
    switch (field) {
      case "type": return v.sub_event_type ? `${v.event_type || "?"} / ${v.sub_event_type}` : valueText(v.event_type);
      case "date": return v.date_end && v.date_start && v.date_end !== v.date_start ? `${v.date_start} to ${v.date_end}` : valueText(v.event_date || v.date_start);
      case "place": {
        const name = [v.location, v.admin1, v.country].filter(Boolean).join(", ");
        const point = pointText(v);
        return [name || null, point ? `(${point})` : null, v.geonameid ? `GeoNames ${v.geonameid}` : null].filter(Boolean).join(" ") || "no place";
      }
      case "actors": return [v.actor1, v.actor2].filter((a) => a !== undefined).map((a) => a || "none").join(" vs ");
      case "fatalities": return "fatalities" in v ? toll(v.fatalities, v.fatalities_low, v.fatalities_high) : valueText(v);
      case "merge":
        if (v.other) return `merged with ${v.other}${Array.isArray(v.mentions) ? ` (${v.mentions.length} report${v.mentions.length === 1 ? "" : "s"})` : ""}`;
        if (Array.isArray(v.events)) return `events ${v.events.join(" and ")}`;
        return valueText(v);
      case "split":
        if (v.mention) return `report ${v.mention} in an event of its own${v.event_id ? ` (${v.event_id})` : ""}`;
        if (v.event_id) return `in ${v.event_id}`;
        return valueText(v);
      default: return valueText(v);
    }
  }

  // "machine: 12" beside a corrected fact, from the event's `machine` values.
  function machineNote(e, ...fields) {
    const machine = e.machine || {};
    const known = fields.filter((f) => f in machine);
    if (!known.length) return null;
    let text;
    if (known.includes("location") || known.includes("latitude")) {
      text = [machine.location, machine.admin1, machine.country].filter(Boolean).join(", ")
        || (machine.latitude != null ? `${Number(machine.latitude).toFixed(4)}, ${Number(machine.longitude).toFixed(4)}` : "no place");
    } else if (known.includes("fatalities")) {
      text = toll(machine.fatalities, machine.fatalities_low, machine.fatalities_high);
    } else {
      text = known.map((f) => valueText(machine[f])).join(" / ");
    }
    return el("span", { class: "machine-value", title: "the machine's value before the analyst's correction" }, ` machine: ${text}`);
  }

  // -------------------------------------------------------------------- history

  // The correction history (null for an untouched event on a server that takes no writes).
  function history(e) {
    const corrections = Array.isArray(e.corrections) ? e.corrections : [];
    const config = CW.api.config();
    if (!corrections.length && !(config && config.writes)) return null;
    const section = el("section", { class: "panel corrections", id: "corrections", "aria-labelledby": "corrections-title" },
      el("h2", { id: "corrections-title" }, `Correction history (${corrections.length})`));
    if (!corrections.length) {
      section.append(el("p", { class: "muted" }, "No corrections: this is the machine's coding as extracted."));
      return section;
    }
    const orphans = corrections.filter((c) => c.orphaned).length;
    const table = el("table", { class: "corrections-table" },
      el("caption", {}, "Every change an analyst made to this event, oldest first: who, when, what it was, what it became and why.",
        orphans ? el("strong", { class: "orphan-note" }, ` ${orphans} correction${orphans === 1 ? " targets" : "s target"} a report that no longer exists: a person must resolve ${orphans === 1 ? "it" : "them"}.`) : null),
      el("thead", {}, el("tr", {}, ["When", "Who", "Field", "Before → after", "Why"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, corrections.map((c) => el("tr", { "data-correction-id": c.id, "data-field": c.field, class: c.orphaned ? "is-orphaned" : null },
        el("td", { class: "nowrap" }, timestamp(c.at)),
        el("td", {}, c.who || "–"),
        el("td", {}, FIELD_NAMES[c.field] || c.field, c.orphaned ? el("span", { class: "badge small orphaned", title: "its target (a report) vanished on re-extraction" }, "orphaned") : null),
        el("td", { class: "change" }, el("span", { class: "before" }, changeText(c.field, c.before)), " → ", el("span", { class: "after" }, changeText(c.field, c.after))),
        el("td", { class: "why" }, c.why || "–")))));
    const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
    for (const row of table.querySelectorAll("tbody tr")) [...row.children].forEach((cell, i) => { cell.dataset.label = names[i]; });
    section.append(el("div", { class: "table-wrap" }, table));
    return section;
  }

  // -------------------------------------------------------------------- writing

  async function send(path, body) {
    if (!CW.auth.token()) {
      try {
        await CW.auth.ask("Changing an event needs the server's write token (CLASHWATCH_API_TOKEN).");
      } catch (_) { /* no token: the server says why it refuses */ }
    }
    const token = CW.auth.token();
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
    } catch (err) {
      throw new CW.ApiError(0, `The clashwatch server could not be reached (${err.message}).`);
    }
    if (!response.ok) {
      const error = new CW.ApiError(response.status, await CW.api.errorMessage(response));
      if (token && (response.status === 401 || (response.status === 403 && /token/i.test(error.message) && !/disabled/i.test(error.message)))) {
        CW.auth.forget();
        error.forgotten = true;
      }
      throw error;
    }
    return response.json();
  }

  function refusal(err) {
    const status = err && err.status;
    const message = err && err.message ? err.message : String(err);
    if (status === 401) return `Refused: no token was sent. The server says: ${message}. The next change asks for the token.`;
    if (status === 403) return `Refused: ${message}.${err.forgotten ? " The token was forgotten: the next change asks for it again." : ""}`;
    if (status === 422) return `Not saved, the server rejected a value: ${message}`;
    if (status === 404) return `Not saved: ${message}`;
    if (status === 0) return message;
    return `Not saved (${status}): ${message}`;
  }

  function who() {
    const input = document.getElementById("rv-who");
    if (input) return input.value.trim();
    try {
      return (localStorage.getItem(WHO_KEY) || "").trim();
    } catch (_) {
      return "";
    }
  }

  // One action: a form with its own fields, a required reason and a submit button; `body`
  // reads the fields (a string is a problem to show instead), `done` takes the answer.
  function actionForm({ id, title, help, fields, submit, body, done, path, extraButtons }) {
    const error = el("p", { class: "review-error", id: `${id}-error`, role: "alert", hidden: true });
    const why = el("textarea", { id: `${id}-why`, name: "why", rows: "2", required: true, "aria-describedby": `${id}-error`, maxlength: "2000" });
    const buttons = el("div", { class: "review-buttons" }, el("button", { type: "submit", id: `${id}-submit` }, submit), extraButtons || null);
    const form = el("form", { class: "review-action", id, "aria-labelledby": `${id}-title`, novalidate: true },
      el("h3", { id: `${id}-title` }, title),
      help ? el("p", { class: "muted review-help" }, help) : null,
      fields,
      el("div", { class: "review-field review-why" }, el("label", { for: `${id}-why` }, "Reason (required)"), why),
      buttons,
      error);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = event.submitter || form.querySelector("button[type=submit]");
      error.hidden = true;
      error.textContent = "";
      const fail = (text) => {
        error.textContent = text;
        error.hidden = false;
      };
      const reason = why.value.trim();
      if (!reason) {
        why.setAttribute("aria-invalid", "true");
        why.focus();
        fail("Give a reason: every change is kept with why it was made.");
        return;
      }
      why.removeAttribute("aria-invalid");
      const payload = body(button);
      if (typeof payload === "string") {
        fail(payload);
        return;
      }
      const reviewer = who();
      const full = { ...payload.body, why: reason, ...(reviewer ? { who: reviewer } : {}) };
      for (const b of form.querySelectorAll("button")) b.disabled = true;
      form.setAttribute("aria-busy", "true");
      try {
        const answer = await send(payload.path || path, full);
        await done(answer, payload);
      } catch (err) {
        fail(refusal(err));
        showToken();
      } finally {
        form.removeAttribute("aria-busy");
        for (const b of form.querySelectorAll("button")) b.disabled = false;
      }
    });
    return form;
  }

  // Whether the tab keeps a write token, under the reviewer's name.
  function showToken() {
    const line = document.getElementById("rv-token-line");
    if (!line) return;
    if (!CW.auth.token()) {
      line.replaceChildren("No write token yet: the first change asks for it.");
      return;
    }
    const forget = el("button", { type: "button", class: "secondary small", id: "rv-forget-token" }, "Forget the token");
    forget.addEventListener("click", () => {
      CW.auth.forget();
      showToken();
    });
    line.replaceChildren("A write token is kept for this tab. ", forget);
  }

  function field(id, label, control, extra) {
    return el("div", { class: "review-field" }, el("label", { for: id }, label), control, extra || null);
  }

  function eventPath(e, action) {
    return `/api/events/${encodeURIComponent(e.id)}/${action}`;
  }

  async function rerender(detail, text) {
    const view = document.getElementById("view-event");
    status = { eventId: detail.id, text };
    openFor = detail.id;
    const href = `/events/${encodeURIComponent(detail.id)}${location.search}`;
    if (location.pathname !== `/events/${encodeURIComponent(detail.id)}`) history.replaceState(null, "", href);
    CW.ledger.render(view, detail);
    const shown = document.getElementById("review-status");
    if (shown) shown.focus({ preventScroll: false });
  }

  // -------------------------------------------------------------------- the forms

  function typeForm(e) {
    const type = el("select", { id: "rv-type", name: "event_type" }, Object.keys(ACLED_TYPES).map((t) => el("option", { value: t }, t)));
    const sub = el("select", { id: "rv-sub", name: "sub_event_type" });
    const fill = (wanted) => {
      replace(sub, (ACLED_TYPES[type.value] || []).map((s) => el("option", { value: s }, s)));
      if (wanted && [...sub.options].some((o) => o.value === wanted)) sub.value = wanted;
    };
    type.value = ACLED_TYPES[e.event_type] ? e.event_type : "Battles";
    fill(e.sub_event_type);
    type.addEventListener("change", () => fill(null));
    return actionForm({
      id: "rv-type-form", title: "Type", path: eventPath(e, "corrections"), submit: "Correct the type",
      fields: el("div", { class: "review-row" }, field("rv-type", "Event type", type), field("rv-sub", "Sub-event type", sub)),
      body: () => {
        const out = {};
        if (type.value !== e.event_type) out.event_type = type.value;
        if (sub.value !== e.sub_event_type || out.event_type) out.sub_event_type = sub.value;
        return Object.keys(out).length ? { body: out } : "The type and sub-type are as they were: choose another first.";
      },
      done: (detail) => rerender(detail, `Type corrected: ${eventTitle(detail)}.`),
    });
  }

  function dateForm(e) {
    const date = el("input", { type: "date", id: "rv-date", name: "date", value: e.event_date || "" });
    return actionForm({
      id: "rv-date-form", title: "Date", path: eventPath(e, "corrections"), submit: "Correct the date",
      fields: field("rv-date", "Event date", date),
      body: () => {
        if (!date.value) return "Choose a date.";
        return date.value === e.event_date ? "The date is as it was: choose another first." : { body: { event_date: date.value } };
      },
      done: (detail) => rerender(detail, `Date corrected: ${detail.event_date}.`),
    });
  }

  function placeForm(e) {
    let chosen = null;  // {place: body, label}
    const country = el("input", { type: "text", id: "rv-country", name: "country", value: e.country_code || "", maxlength: "2",
      size: "3", autocomplete: "off", "aria-describedby": "rv-country-help" });
    const query = el("input", { type: "search", id: "rv-place-q", name: "q", autocomplete: "off", placeholder: "town or region", "aria-controls": "rv-place-results" });
    const searchButton = el("button", { type: "button", class: "secondary", id: "rv-place-search" }, "Search");
    const results = el("ul", { class: "place-results", id: "rv-place-results", "aria-label": "Places found" });
    const found = el("p", { class: "muted place-found", "aria-live": "polite" });
    const picked = el("p", { class: "place-chosen", id: "rv-place-chosen", "aria-live": "polite" }, "No place chosen yet: search, or click the map.");
    const precision = el("select", { id: "rv-precision", name: "precision" },
      [[1, "town"], [2, "near a town or part of a region"], [3, "region or country"]].map(([v, t]) => el("option", { value: v }, t)));
    const mapBox = el("div", { class: "place-map", id: "rv-place-map", role: "application", "aria-label": "Map: click to set the event's point" });

    function choose(body, label, lat, lon) {
      chosen = { body, label };
      picked.textContent = `Chosen: ${label}`;
      picked.dataset.chosen = "1";
      if (pickerMap && lat != null && lon != null) pickerMap.setPoint(lat, lon);
    }

    let timer = null;
    let asked = 0;
    async function search() {
      clearTimeout(timer);
      const q = query.value.trim();
      if (!q) {
        results.replaceChildren();
        found.textContent = "";
        return;
      }
      const mine = ++asked;
      const params = { q, limit: "10" };
      const code = country.value.trim().toUpperCase();
      if (code) params.country = code;
      found.textContent = "Searching…";
      try {
        const places = await CW.api.get("/api/gazetteer", params);
        if (mine !== asked) return;
        found.textContent = places.length ? `${places.length} place${places.length === 1 ? "" : "s"} found: choose one.` : `No place named “${q}”${code ? ` in ${code}` : ""}.`;
        replace(results, places.map((p) => {
          const label = [p.name, p.admin1, p.country || p.country_code].filter(Boolean).join(", ");
          return el("li", {}, el("button", {
            type: "button", class: "place-option", "data-geonameid": p.geonameid,
            onclick: (event) => {
              for (const b of results.querySelectorAll("button")) b.removeAttribute("aria-pressed");
              event.currentTarget.setAttribute("aria-pressed", "true");
              choose({ geonameid: p.geonameid }, `${label} · GeoNames ${p.geonameid}`, p.latitude, p.longitude);
            },
          }, el("span", { class: "place-name" }, label),
          el("span", { class: "muted" }, ` ${Number(p.latitude).toFixed(3)}, ${Number(p.longitude).toFixed(3)}${p.population ? ` · pop. ${number(p.population)}` : ""}`)));
        }));
      } catch (err) {
        if (mine !== asked) return;
        results.replaceChildren();
        found.textContent = `The gazetteer could not be searched: ${err.message}`;
      }
    }
    query.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, 350);
    });
    query.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        search();
      }
    });
    searchButton.addEventListener("click", search);
    precision.addEventListener("change", () => {
      if (chosen && chosen.body.latitude !== undefined) {
        chosen.body.geo_precision = Number(precision.value);
        choose(chosen.body, pointLabel(chosen.body));
      }
    });
    const pointLabel = (b) => `the point ${b.latitude.toFixed(4)}, ${b.longitude.toFixed(4)} (precision: ${precision.options[precision.selectedIndex].text})`;

    const form = actionForm({
      id: "rv-place-form", title: "Place", path: eventPath(e, "corrections"), submit: "Correct the place",
      help: "Search the gazetteer (prefix of the name; the country narrows it), or click the map to set a point.",
      fields: el("div", { class: "place-grid" },
        el("div", { class: "place-search" },
          el("div", { class: "review-row" },
            field("rv-place-q", "Place name", el("div", { class: "search-line" }, query, searchButton)),
            field("rv-country", "Country", country, el("span", { class: "visually-hidden", id: "rv-country-help" }, "ISO code, two letters; empty for any country"))),
          found, results, picked),
        el("div", { class: "place-pick" },
          mapBox,
          field("rv-precision", "Precision of a clicked point", precision))),
      body: () => (chosen ? { body: { place: chosen.body } } : "Choose a place: pick a search result or click the map."),
      done: (detail) => rerender(detail, `Place corrected: ${place(detail)}.`),
    });
    form.mountMap = () => {
      if (pickerMap) pickerMap.remove();
      pickerMap = pointPicker(mapBox, e, (lat, lon) => {
        const body = { latitude: Number(lat.toFixed(5)), longitude: Number(lon.toFixed(5)), geo_precision: Number(precision.value) };
        for (const b of results.querySelectorAll("button")) b.removeAttribute("aria-pressed");
        choose(body, pointLabel(body));
      });
    };
    return form;
  }

  // A small Leaflet map over the offline outlines: the event's point, and a click sets a new one.
  function pointPicker(container, e, onPick) {
    const map = L.map(container, { minZoom: 1, maxZoom: 12, zoomSnap: 0.5, fadeAnimation: false, worldCopyJump: true });
    map.attributionControl.setPrefix("Leaflet");
    const has = e.latitude !== null && e.longitude !== null && e.latitude !== undefined;
    map.setView(has ? [e.latitude, e.longitude] : [10, 20], has ? 7 : 2);
    map.createPane("outlines").style.zIndex = 150;
    CW.map.outlines(map).catch(() => { /* the map still takes clicks without outlines */ });
    const tiles = CW.api.config() && CW.api.config().tiles;
    if (tiles && tiles.url) L.tileLayer(tiles.url, { maxZoom: tiles.max_zoom || 18 }).addTo(map);
    if (has) {
      L.circleMarker([e.latitude, e.longitude], { radius: 6, color: "#5c6773", weight: 2, fillOpacity: 0.2, className: "picker-current" })
        .bindTooltip(`now: ${place(e)}`).addTo(map);
    }
    let marker = null;
    const setPoint = (lat, lon) => {
      if (marker) marker.setLatLng([lat, lon]);
      else marker = L.circleMarker([lat, lon], { radius: 8, color: "#1d5fa6", weight: 3, fillOpacity: 0.5, className: "picker-new" }).addTo(map);
      container.dataset.lat = String(lat);
      container.dataset.lon = String(lon);
      map.panTo([lat, lon], { animate: false });
    };
    map.on("click", (event) => {
      const { lat } = event.latlng;
      const lon = event.latlng.wrap().lng;
      setPoint(lat, lon);
      onPick(lat, lon);
    });
    return { setPoint, remove: () => map.remove() };
  }

  function actorsForm(e) {
    const a1 = el("input", { type: "text", id: "rv-actor1", name: "actor1", value: e.actor1 || "", maxlength: "200" });
    const a2 = el("input", { type: "text", id: "rv-actor2", name: "actor2", value: e.actor2 || "", maxlength: "200" });
    return actionForm({
      id: "rv-actors-form", title: "Actors", path: eventPath(e, "corrections"), submit: "Correct the actors",
      fields: el("div", { class: "review-row" }, field("rv-actor1", "Actor 1", a1), field("rv-actor2", "Actor 2", a2)),
      body: () => {
        const out = {};
        for (const [name, input] of [["actor1", a1], ["actor2", a2]]) {
          const value = input.value.trim();
          if (value !== (e[name] || "")) out[name] = value;
        }
        return Object.keys(out).length ? { body: out } : "The actors are as they were: change one first.";
      },
      done: (detail) => rerender(detail, "Actors corrected."),
    });
  }

  function tollForm(e) {
    const input = (id, value) => el("input", { type: "number", id, min: "0", step: "1", inputmode: "numeric", value: value == null ? "" : String(value) });
    const best = input("rv-best", e.fatalities);
    const low = input("rv-low", e.fatalities_low);
    const high = input("rv-high", e.fatalities_high);
    const read = (node, name, required) => {
      const text = node.value.trim();
      if (!text) return required ? `Give the best figure (a whole number, 0 or more).` : null;
      if (!/^\d+$/.test(text)) return `${name} must be a whole number, 0 or more (not “${text}”).`;
      return Number(text);
    };
    return actionForm({
      id: "rv-toll-form", title: "Toll (killed)", path: eventPath(e, "corrections"), submit: "Correct the toll",
      help: "The reviewed figure replaces the estimate; the machine's stays beside it. An empty low or high is the best figure.",
      fields: el("div", { class: "review-row" }, field("rv-best", "Best", best), field("rv-low", "Low", low), field("rv-high", "High", high)),
      body: () => {
        const values = [read(best, "Best", true), read(low, "Low", false), read(high, "High", false)];
        const problem = values.find((v) => typeof v === "string");
        if (problem) return problem;
        const [b, l, h] = values;
        return { body: { fatalities: b, fatalities_low: l, fatalities_high: h } };
      },
      done: (detail) => rerender(detail, `Toll corrected: best ${number(detail.fatalities)}.`),
    });
  }

  function mergeForm(e) {
    const other = el("input", { type: "text", id: "rv-merge-other", name: "other", autocomplete: "off", placeholder: "ev_…", maxlength: "200" });
    return actionForm({
      id: "rv-merge-form", title: "Merge with another event", path: eventPath(e, "merge"), submit: "Merge",
      help: "The two are the same real event: their reports become one event.",
      fields: field("rv-merge-other", "Other event's id", other),
      body: () => {
        const id = other.value.trim();
        if (!id) return "Give the other event's id (shown at the bottom of its header, ev_…).";
        if (id === e.id) return "That is this event's own id: give the other event's.";
        return { body: { other: id } };
      },
      done: (detail) => rerender(detail, `Merged: this event now holds ${number(detail.n_mentions)} reports.`),
    });
  }

  function splitForm(e) {
    const mentions = e.mentions || [];
    const select = el("select", { id: "rv-split-mention", name: "mention" },
      mentions.map((m) => el("option", { value: m.key }, `${m.outlet || m.title || m.article_id}${m.published ? `, ${m.published}` : ""}: ${eventTitle(m)}, ${place(m)}`)));
    return actionForm({
      id: "rv-split-form", title: "Split a report out", path: eventPath(e, "split"), submit: "Split it out",
      help: mentions.length > 1 ? "The report is about another event: it leaves this one and becomes an event of its own." : "This event has a single report: there is nothing to split.",
      fields: field("rv-split-mention", "Report", select),
      body: () => (mentions.length > 1 ? { body: { mention_key: select.value } } : "This event has a single report: there is nothing to split out."),
      done: async (answer) => {
        const ids = (answer && answer.event_ids) || [];  // the event the report left, then its own
        const detail = await CW.api.get(`/api/events/${encodeURIComponent(ids[0] || e.id)}`);
        await rerender(detail, `Split: the events are now ${ids.join(", ") || "unchanged"}.`);
        const shown = document.getElementById("review-status");
        if (shown && ids.length) {
          shown.append(" ", ...ids.filter((id) => id !== detail.id).flatMap((id) => [el("a", { href: `/events/${encodeURIComponent(id)}` }, `open ${id}`), " "]));
        }
      },
    });
  }

  function decisionForm(e) {
    const reject = el("button", { type: "submit", class: "danger", id: "rv-decide-reject", value: "reject" }, "Reject (not an event)");
    const form = actionForm({
      id: "rv-decide-form", title: "Verify or reject", submit: "Verify",
      help: "Verify: an analyst checked the event as it stands. Reject: it is not an event; it is hidden from maps, lists and totals by default.",
      fields: [], extraButtons: reject,
      body: (button) => {
        const action = button && button.value === "reject" ? "reject" : "verify";
        return { body: {}, path: eventPath(e, action), action };
      },
      done: (detail, payload) => rerender(detail, payload.action === "reject" ? "Rejected: the event is hidden from the map by default." : "Verified."),
    });
    form.querySelector("#rv-decide-form-submit").value = "verify";
    return form;
  }

  // -------------------------------------------------------------------- the desk

  // The edit mode's toggle and panel (null when the server takes no writes).
  function desk(e) {
    const config = CW.api.config();
    if (!config || !config.writes) return null;
    const open = openFor === e.id;
    const note = status && status.eventId === e.id ? status.text : "";
    status = null;
    const reviewer = el("input", { type: "text", id: "rv-who", name: "who", value: who(), autocomplete: "name", maxlength: "100", placeholder: "your name" });
    reviewer.addEventListener("change", () => {
      try {
        localStorage.setItem(WHO_KEY, reviewer.value.trim());
      } catch (_) { /* kept for this page only */ }
    });
    const forms = [placeForm(e), tollForm(e), typeForm(e), actorsForm(e), dateForm(e), decisionForm(e), mergeForm(e), splitForm(e)];
    const tokenLine = el("p", { class: "muted token-line", id: "rv-token-line" });
    const panel = el("div", { class: "review-panel", id: "review-panel", hidden: !open },
      el("div", { class: "review-top" },
        field("rv-who", "Reviewer (kept in this browser)", reviewer),
        tokenLine),
      el("div", { class: "review-forms" }, forms));
    const toggle = el("button", { type: "button", class: open ? "secondary" : "", id: "review-toggle", "aria-expanded": String(open), "aria-controls": "review-panel" },
      open ? "Close the edit mode" : "Review and edit");
    const mount = () => requestAnimationFrame(() => {  // once the panel is on the page
      showToken();
      forms[0].mountMap();
    });
    toggle.addEventListener("click", () => {
      const opening = panel.hidden;
      panel.hidden = !opening;
      openFor = opening ? e.id : null;
      toggle.setAttribute("aria-expanded", String(opening));
      toggle.textContent = opening ? "Close the edit mode" : "Review and edit";
      toggle.className = opening ? "secondary" : "";
      if (opening) {
        mount();
        if (!CW.auth.token()) CW.auth.ask("Changing an event needs the server's write token (CLASHWATCH_API_TOKEN).").catch(() => {}).finally(showToken);
      } else if (pickerMap) {
        pickerMap.remove();
        pickerMap = null;
      }
    });
    if (open) mount();
    const next = el("p", { class: "queue-next", id: "review-next", hidden: true });
    nextInQueue(e, next);
    return el("section", { class: "panel review-desk", "aria-labelledby": "review-title" },
      el("div", { class: "panel-head" },
        el("h2", { id: "review-title" }, "Review desk"),
        el("p", { class: "muted" }, "State: ", badge(e), " ", STATE_TEXT[stateOf(e)],
          typeof e.confidence === "number" ? ` · confidence ${e.confidence.toFixed(2)}` : "",
          typeof e.priority === "number" ? ` · review priority ${e.priority.toFixed(1)}` : ""),
        toggle),
      el("p", { class: "review-status", id: "review-status", role: "status", tabindex: "-1", hidden: !note }, note),
      next,
      panel);
  }

  // "Next to review": the machine-coded event of highest priority (GET /api/review/queue), other than this one.
  async function nextInQueue(e, node) {
    let page;
    try {
      page = await CW.api.get("/api/review/queue", { limit: "2" });
    } catch (_) {
      return;  // the queue is a help: the desk works without it
    }
    const other = (page.events || []).find((q) => q.id !== e.id);
    if (!other) return;
    const dead = other.fatalities === null || other.fatalities === undefined ? "no figure" : `${number(other.fatalities)} killed`;
    replace(node, "Next to review: ",
      el("a", { href: `/events/${encodeURIComponent(other.id)}`, "data-event-id": other.id }, eventTitle(other)),
      el("span", { class: "muted" }, ` · ${other.event_date || "undated"} · ${place(other)} · ${dead}`,
        typeof other.priority === "number" ? ` · priority ${other.priority.toFixed(1)}` : ""));
    node.hidden = false;
  }

  return { STATES, ACLED_TYPES, badge, stateOf, machineNote, history, desk, changeText };
})();
