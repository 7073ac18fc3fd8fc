// DOM building and formatting shared by the views. Data only ever reaches the page as
// text nodes or attribute values set here, never as HTML.
"use strict";
window.CW = window.CW || {};

CW.dom = (() => {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    return append(node, children);
  }

  function setAttrs(node, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.setAttribute("class", value);
      else if (key === "text") node.textContent = String(value);
      else if (key === "dataset") Object.entries(value).forEach(([k, v]) => { if (v !== null && v !== undefined) node.dataset[k] = String(v); });
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function replace(node, ...children) {
    node.replaceChildren();
    return append(node, children);
  }

  // An http(s) URL from the data, or null: never a javascript: or data: link.
  function safeUrl(value) {
    if (!value) return null;
    try {
      const url = new URL(String(value));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  function externalLink(url, label) {
    const href = safeUrl(url);
    if (!href) return null;
    return el("a", { href, target: "_blank", rel: "noopener noreferrer", class: "external" }, label || href);
  }

  // The sentence as text with the characters [start, end) inside a <mark>.
  function highlighted(sentence, span) {
    const text = sentence == null ? "" : String(sentence);
    const frag = document.createDocumentFragment();
    if (!Array.isArray(span) || span.length !== 2) {
      frag.append(text);
      return frag;
    }
    const [start, end] = span;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= text.length)) {
      frag.append(text);
      return frag;
    }
    frag.append(text.slice(0, start), el("mark", {}, text.slice(start, end)), text.slice(end));
    return frag;
  }

  const numberFormat = new Intl.NumberFormat("en");

  function number(n) {
    return n === null || n === undefined ? "–" : numberFormat.format(n);
  }

  // Names, or ACLED time_precision codes as in the GeoJSON properties.
  // "2026-11-24T06:47:43.66+00:00" -> "2026-11-24 06:47 UTC" (the store keeps UTC).
  function timestamp(value) {
    if (!value) return "";
    const match = String(value).match(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/);
    return match ? `${match[1]} ${match[2]} UTC` : String(value);
  }

  const PRECISION = { day: "day", week: "within a week", month: "month", year: "year", 1: "day", 2: "within a week", 3: "month" };

  function dateWithPrecision(record) {
    const start = record.date_start || record.event_date;
    const end = record.date_end;
    const range = end && start && end !== start ? `${start} to ${end}` : record.event_date || start || "undated";
    const precision = PRECISION[record.time_precision] || record.time_precision;
    return precision ? `${range} (${precision})` : range;
  }

  const GEO_PRECISION = { 1: "town", 2: "near a town or part of a region", 3: "region or country" };

  function geoPrecision(code) {
    return GEO_PRECISION[code] || (code == null ? "unknown" : String(code));
  }

  function place(record) {
    const parts = [record.location, record.admin1, record.country].filter(Boolean);
    const unique = parts.filter((p, i) => parts.indexOf(p) === i);
    return unique.length ? unique.join(", ") : "place unknown";
  }

  function eventTitle(record) {
    const type = record.event_type || "Event";
    return record.sub_event_type ? `${type} / ${record.sub_event_type}` : type;
  }

  // "100", "100–150", "at least 100" for a best / low / high triple.
  function toll(best, low, high) {
    if (best === null || best === undefined) return "no figure";
    if (low !== null && low !== undefined && high !== null && high !== undefined && (low !== best || high !== best)) {
      return `${number(best)} (${number(low)}–${number(high)})`;
    }
    return number(best);
  }

  function slug(value) {
    return String(value || "other").toLowerCase().replace(/[^a-z]+/g, "-").replace(/^-|-$/g, "");
  }

  return { el, setAttrs, append, replace, safeUrl, externalLink, highlighted, number, timestamp, dateWithPrecision, geoPrecision, place, eventTitle, toll, slug };
})();
