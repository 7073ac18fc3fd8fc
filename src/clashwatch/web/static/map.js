// The event map: offline country outlines (world-atlas), optional configured tiles,
// clustered markers sized by fatalities and coloured by ACLED event type.
"use strict";
window.CW = window.CW || {};

CW.map = (() => {
  const { el, eventTitle, place, toll, slug, dateWithPrecision, number } = CW.dom;

  const TYPES = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
  ];

  let map = null;
  let cluster = null;
  let cells = null;
  let markerFor = null;
  let labels = null;
  let fitting = false;
  let viewTimer = null;

  function init(container, config, { eventHref }) {
    markerFor = (feature) => makeMarker(feature, eventHref);
    const tiles = config && config.tiles;
    map = L.map(container, {
      minZoom: 1,
      maxZoom: tiles && tiles.max_zoom ? tiles.max_zoom : 12,
      worldCopyJump: true,
      zoomSnap: 0.5,
      fadeAnimation: false,
    }).setView([20, 15], 2);
    map.attributionControl.setPrefix("Leaflet");

    // The outlines lie under the tile pane: configured tiles cover them, and where tiles
    // cannot load (no internet) the outlines still show.
    map.createPane("outlines").style.zIndex = 150;
    labels = new CW.labels.Layer();
    if (tiles && tiles.url) {
      const tileLayer = L.tileLayer(tiles.url, {
        attribution: escapeText(tiles.attribution || ""),
        maxZoom: tiles.max_zoom || 18,
      }).addTo(map);
      // Tiles carry their own names: the basemap's names show only when the tiles are off.
      tileLayer.on("add", () => map.removeLayer(labels));
      tileLayer.on("remove", () => labels.addTo(map));
      L.control.layers(null, { "Online map tiles": tileLayer }, { collapsed: false }).addTo(map);
    }

    cluster = L.markerClusterGroup({
      maxClusterRadius: 36,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      animate: false,
      iconCreateFunction: clusterIcon,
    }).addTo(map);
    cells = L.layerGroup().addTo(map);
    if (!(tiles && tiles.url)) labels.addTo(map);
    // The legend sits beside the map, not in it: over the map on a wide screen (bottom
    // right), under it on a narrow one, where it would hide the markers.
    container.after(legend());
  }

  // The country outlines and names, once: after the events are drawn, since parsing the
  // outlines and placing their names keep the page busy for a while.
  let basemapLoading = false;
  function basemap() {
    if (basemapLoading || !map) return;
    basemapLoading = true;
    outlines(map)
      .then((countries) => labels.setCountries(countries))
      .catch((err) => CW.app.showError(err));
    CW.api.get("/api/basemap/capitals")
      .then((capitals) => labels.setCapitals(capitals))
      .catch(() => labels.setCapitals([]));  // names are a help, not a reason to stop the map
  }

  // Leaflet renders attributions as HTML; the configured text is shown as text.
  function escapeText(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  // The offline country outlines on `target` (the events map, or the review desk's point picker).
  async function outlines(target) {
    const response = await fetch("/static/vendor/world-atlas/countries-50m.json");
    if (!response.ok) throw new Error(`country outlines: ${response.status} (run scripts/build-web.sh)`);
    const topology = await response.json();
    const countries = topojson.feature(topology, topology.objects.countries);
    L.geoJSON(countries, {
      pane: "outlines",
      className: "cw-country",
      style: { color: "#a9b1ba", weight: 0.8, fillColor: "#fbfaf7", fillOpacity: 1 },
      attribution: "Outlines: Natural Earth via world-atlas",
      onEachFeature(feature, layer) {
        layer.on("add", () => {
          const path = layer.getElement();
          path.setAttribute("data-country", feature.properties.name);
          path.setAttribute("data-iso-numeric", feature.id);
        });
      },
    }).addTo(target);
    return countries.features;
  }

  function fatalitiesOf(p) {
    if (p.fatalities_low === null && p.fatalities_high === null && !p.fatalities) return null;
    return p.fatalities;
  }

  function makeMarker(feature, eventHref) {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const id = feature.id || p.event_id_cnty;
    const dead = fatalitiesOf(p);
    const size = dead ? Math.min(46, Math.round(12 + 4 * Math.sqrt(dead))) : 12;
    const classes = ["cw-marker", `type-${slug(p.event_type)}`];
    if (p.background) classes.push("is-background");
    if (dead === null) classes.push("no-figure");
    classes.push(`review-${CW.review.stateOf(p)}`);
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ className: classes.join(" "), iconSize: [size, size], html: "" }),
      title: `${eventTitle(p)}, ${p.event_date || "undated"}, ${place(p)}: ${dead === null ? "no figure" : `${number(dead)} killed`}`,
      keyboard: true,
      riseOnHover: true,
    });
    marker.eventId = id;
    marker.fatalities = dead || 0;
    marker.on("add", () => {
      const node = marker.getElement();
      node.setAttribute("data-event-id", id);
      node.setAttribute("data-lat", lat);
      node.setAttribute("data-lon", lon);
      node.setAttribute("data-review-state", CW.review.stateOf(p));
    });
    marker.bindPopup(() => popup(p, id, dead, eventHref), { minWidth: 220, maxWidth: 320 });
    return marker;
  }

  function popup(p, id, dead, eventHref) {
    return el("div", { class: "cw-popup" },
      el("p", { class: "popup-type" }, el("span", { class: `swatch type-${slug(p.event_type)}`, "aria-hidden": "true" }), eventTitle(p)),
      p.background ? el("p", { class: "badge background" }, "Background: a past event recalled") : null,
      el("p", { class: "popup-review" }, "Review: ", CW.review.badge(p)),
      el("dl", {},
        el("dt", {}, "Date"), el("dd", {}, dateWithPrecision(p)),
        el("dt", {}, "Place"), el("dd", {}, place(p)),
        el("dt", {}, "Killed"), el("dd", {}, dead === null ? "no figure" : toll(p.fatalities, p.fatalities_low, p.fatalities_high)),
        el("dt", {}, "Reports"), el("dd", {}, `${number(p.n_articles)} article${p.n_articles === 1 ? "" : "s"}`)),
      el("a", { class: "popup-link", href: eventHref(id) }, "Open the claim ledger →"));
  }

  function clusterIcon(group) {
    const markers = group.getAllChildMarkers();
    const dead = markers.reduce((sum, m) => sum + m.fatalities, 0);
    const size = Math.min(56, 28 + 4 * Math.log2(markers.length));
    const node = el("div", {
      class: "cw-cluster-inner",
      title: `${number(markers.length)} events, ${number(dead)} killed (best estimates); click to expand`,
      "data-event-ids": markers.map((m) => m.eventId).join(" "),
    }, el("span", { class: "count" }, number(markers.length)));
    return L.divIcon({ className: "cw-cluster", html: node, iconSize: [size, size] });
  }

  function legend() {
    return el("div", { class: "cw-legend", role: "group", "aria-label": "Map legend" },
      el("p", { class: "legend-title" }, "Event type"),
      el("ul", {}, TYPES.map((type) => el("li", {}, el("span", { class: `swatch type-${slug(type)}`, "aria-hidden": "true" }), type))),
      el("p", { class: "legend-note" }, "Size: √ fatalities · hollow: no figure · dashed: background · green ring: verified · blue ring: corrected"));
  }

  // Single events; `fit`: the view moves to show them all.
  function show(features, fit = true) {
    cluster.clearLayers();
    cells.clearLayers();
    const markers = features.filter((f) => f.geometry && f.geometry.type === "Point").map(markerFor);
    cluster.addLayers(markers);
    if (markers.length && fit) fitTo(cluster.getBounds());
    return markers.length;
  }

  // The server's grid (/api/events.grid): one disc per cell, its count of events inside;
  // a click zooms into the cell. `fit`: the view moves to show every cell.
  function showGrid(grid, fit = true) {
    cluster.clearLayers();
    cells.clearLayers();
    let bounds = null;
    for (const cell of grid.cells) {
      const [west, south, east, north] = cell.bbox;
      const size = Math.round(Math.min(64, 22 + 6 * Math.log10(cell.events + 1) * 2));
      const node = el("div", {
        class: "cw-cell-inner",
        title: `${number(cell.events)} event${cell.events === 1 ? "" : "s"}, ${number(cell.fatalities)} killed (best estimates); click to zoom in`,
        "data-events": String(cell.events),
        "data-fatalities": String(cell.fatalities),
      }, el("span", { class: "count" }, compact(cell.events)));
      const marker = L.marker([cell.latitude, cell.longitude], {
        icon: L.divIcon({ className: "cw-cell", html: node, iconSize: [size, size] }),
        keyboard: true,
      });
      const cellBounds = L.latLngBounds([south, west], [north, east]);
      marker.on("click", () => map.fitBounds(cellBounds, { animate: false }));
      cells.addLayer(marker);
      bounds = bounds ? bounds.extend(cellBounds) : cellBounds;
    }
    if (bounds && fit) fitTo(bounds);
    return grid.events;
  }

  function fitTo(bounds) {
    fitting = true;
    map.fitBounds(bounds.pad(0.3), { maxZoom: 6, animate: false });
    fitting = false;
  }

  function compact(n) {
    if (n < 10000) return number(n);
    if (n < 1e6) return `${Math.round(n / 1000)}k`;
    return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`;
  }

  // What the map shows: zoom and view box (min_lon,min_lat,max_lon,max_lat, clamped to the world).
  function view() {
    const b = map.getBounds();
    const clamp = (v, limit) => Math.max(-limit, Math.min(limit, v));
    const box = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)];
    return { zoom: Math.max(0, Math.round(map.getZoom())), view: box.map((v) => v.toFixed(4)).join(",") };
  }

  // `callback(view())` after the user (or a fit) moved the map, once it rests.
  function onViewChange(callback) {
    map.on("moveend", () => {
      clearTimeout(viewTimer);
      viewTimer = setTimeout(() => callback(view()), fitting ? 0 : 150);
    });
  }

  function refresh() {
    if (map) map.invalidateSize(false);
  }

  return { TYPES, init, basemap, outlines, show, showGrid, view, onViewChange, refresh, ready: () => map !== null };
})();
