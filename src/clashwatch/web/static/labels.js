// Names on the offline basemap: country names (from the world-atlas outlines) at every
// zoom (at the country's centre, or zoomed in at another of its points when the centre is
// out of view), capitals (GeoNames, via /api/basemap/capitals) from CAPITAL_ZOOM up. A name is
// written only where it fits: a country's name when its outline is about as wide as the
// name, and never over another name (larger countries first, then capitals by population).
"use strict";
window.CW = window.CW || {};

CW.labels = (() => {
  const CAPITAL_ZOOM = 4;
  const COUNTRY_FONT = "600 12px system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
  const CAPITAL_FONT = "11px system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
  const COUNTRY_HEIGHT = 15;
  const CAPITAL_HEIGHT = 14;
  const DOT = 5;  // the capital's dot, and the space between it and the name
  const GAP = 3;  // the least space between two names, in pixels

  const canvas = document.createElement("canvas").getContext("2d");
  function textWidth(text, font) {
    canvas.font = font;
    return Math.ceil(canvas.measureText(text).width);
  }

  // One label per country: at the centre of its largest polygon (France's mainland, not
  // French Guiana), with that polygon's extent in degrees to decide when the name fits.
  function countryLabels(features) {
    const labels = [];
    for (const feature of features) {
      const name = feature.properties && feature.properties.name;
      const geometry = feature.geometry;
      if (!name || !geometry) continue;
      const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
      let largest = null;
      let largestArea = -1;
      for (const coordinates of polygons) {
        const polygon = { type: "Polygon", coordinates };
        const area = d3.geoArea(polygon);
        if (area > largestArea) {
          largest = polygon;
          largestArea = area;
        }
      }
      const [lon, lat] = d3.geoCentroid(largest);
      const [[west, south], [east, north]] = d3.geoBounds(largest);
      const spanLon = east >= west ? east - west : east + 360 - west;
      // Other points inside the country, for when its centre is out of view (zoomed in on
      // a border, the names on both sides): a 7 x 7 grid over its extent, those inside it.
      const anchors = [];
      for (let i = 1; i <= 7; i++) {
        for (let j = 1; j <= 7; j++) {
          let x = west + (spanLon * i) / 8;
          if (x > 180) x -= 360;
          const y = south + ((north - south) * j) / 8;
          if (d3.geoContains(largest, [x, y])) anchors.push([y, x]);
        }
      }
      labels.push({
        kind: "country", name, lat, lon, anchors, spanLon, spanLat: north - south, rank: largestArea,
        width: textWidth(name, COUNTRY_FONT) + 4, height: COUNTRY_HEIGHT,
      });
    }
    return labels.sort((a, b) => b.rank - a.rank);
  }

  function capitalLabels(rows) {
    return rows.map((row) => ({
      kind: "capital", name: row.name, country: row.country, lat: row.latitude, lon: row.longitude, rank: row.population,
      width: DOT * 2 + textWidth(row.name, CAPITAL_FONT) + 2, height: CAPITAL_HEIGHT,
    })).sort((a, b) => b.rank - a.rank);
  }

  const Layer = L.Layer.extend({
    initialize() {
      this._countries = [];
      this._capitals = [];
    },

    onAdd(map) {
      const pane = map.getPane("labels") || map.createPane("labels");
      pane.style.zIndex = 350;  // over outlines and tiles, under markers and popups
      pane.style.pointerEvents = "none";
      this._pane = pane;
      this._group = L.DomUtil.create("div", "cw-labels", pane);
      map.on("zoomstart", this._clear, this);
      map.on("moveend resize", this._draw, this);
      this._draw();
    },

    onRemove(map) {
      map.off("zoomstart", this._clear, this);
      map.off("moveend resize", this._draw, this);
      L.DomUtil.remove(this._group);
    },

    setCountries(features) {
      this._countries = countryLabels(features);
      this._draw();
    },

    setCapitals(rows) {
      this._capitals = capitalLabels(rows);
      this._draw();
    },

    _clear() {
      if (this._group) this._group.replaceChildren();
    },

    // Greedy placement: each candidate in turn, kept when its box lies inside the map
    // and clear of every box already kept.
    _draw() {
      const map = this._map;
      if (!map || !this._group) return;
      this._clear();
      const zoom = map.getZoom();
      const size = map.getSize();
      const pxPerDegree = (256 * 2 ** zoom) / 360;
      const kept = [];
      const fits = (box) => box.left >= 0 && box.top >= 0 && box.right <= size.x && box.bottom <= size.y
        && kept.every((k) => box.right + GAP <= k.left || k.right + GAP <= box.left || box.bottom + GAP <= k.top || k.bottom + GAP <= box.top);
      const candidates = zoom >= CAPITAL_ZOOM ? [...this._countries, ...this._capitals] : this._countries;
      const nodes = [];
      const boxAt = (label, latLng) => {
        const at = map.latLngToContainerPoint(latLng);
        const left = label.kind === "capital" ? at.x - DOT / 2 : at.x - label.width / 2;
        return { left, top: at.y - label.height / 2, right: left + label.width, bottom: at.y + label.height / 2, x: at.x, y: at.y };
      };
      const middle = { x: size.x / 2, y: size.y / 2 };
      for (const label of candidates) {
        if (label.kind === "country" && label.width > 1.3 * label.spanLon * pxPerDegree) continue;
        let box = boxAt(label, [label.lat, label.lon]);
        if (!fits(box) && label.kind === "country" && zoom >= CAPITAL_ZOOM) {
          // zoomed in: the country's point nearest the middle of the map where the name fits
          box = label.anchors.map((latLng) => boxAt(label, latLng))
            .sort((a, b) => Math.hypot(a.x - middle.x, a.y - middle.y) - Math.hypot(b.x - middle.x, b.y - middle.y))
            .find(fits);
        }
        if (!box || !fits(box)) continue;
        kept.push(box);
        nodes.push(this._node(label, map.containerPointToLayerPoint([box.left, box.top])));
      }
      this._group.replaceChildren(...nodes);
    },

    _node(label, point) {
      const node = L.DomUtil.create("div", `cw-label cw-label-${label.kind}`);
      node.dataset.kind = label.kind;
      node.dataset.name = label.name;
      node.style.width = `${label.width}px`;
      node.style.height = `${label.height}px`;
      if (label.kind === "capital") {
        node.append(L.DomUtil.create("span", "cw-capital-dot"), document.createTextNode(label.name));
      } else {
        node.textContent = label.name;
      }
      L.DomUtil.setPosition(node, point);
      return node;
    },
  });

  return { Layer, CAPITAL_ZOOM };
})();
