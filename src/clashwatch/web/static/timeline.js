// The timeline: events per day (bars, left axis) and fatalities per day (red stems, right
// axis), with a brush that picks the date filter.
"use strict";
window.CW = window.CW || {};

CW.timeline = (() => {
  const parse = d3.utcParse("%Y-%m-%d");
  const format = d3.utcFormat("%Y-%m-%d");
  const DAY = 86400000;

  // Counts are whole numbers: no tick at 0.5 (which "d" would print as a second "1").
  function wholeTicks(scale, count) {
    return scale.ticks(count).filter(Number.isInteger);
  }

  // d3's usual time ticks, with the year added to the first one when it lacks it ("Apr 2021").
  function tickFormat(scale) {
    const usual = scale.tickFormat();
    return (d, i) => {
      const text = usual(d);
      return i === 0 && !/\d{4}/.test(text) ? `${text} ${d.getUTCFullYear()}` : text;
    };
  }

  const TICK_SPACE = 80;  // pixels a tick label needs ("Sep 16 2022" and some air)

  // Ticks that fit the range and the width: whole days (every 1, 2, 7 or 14 days) for a
  // short range, months (every 1, 2, 3 or 6) for a longer one, else years; never more
  // than the width holds. Returns {values, format}.
  function timeTicks(start, end, width) {
    const room = Math.max(2, Math.floor(width / TICK_SPACE));
    const steps = [
      [d3.utcDay, 1], [d3.utcDay, 2], [d3.utcWeek, 1], [d3.utcWeek, 2],
      [d3.utcMonth, 1], [d3.utcMonth, 2], [d3.utcMonth, 3], [d3.utcMonth, 6],
    ];
    for (const [interval, step] of steps) {
      let values = (step === 1 ? interval : interval.every(step)).range(d3.utcDay.ceil(start), end);
      if (values.length <= room) {
        // a day's tick under the middle of its bar, not at its left edge
        if (interval !== d3.utcMonth) values = values.map((d) => new Date(+d + DAY / 2)).filter((d) => d < end);
        const long = interval === d3.utcMonth ? "%b %Y" : "%b %-d %Y";
        const short = interval === d3.utcMonth ? "%b" : "%b %-d";
        return { values, format: yearOnce(values, long, short) };
      }
    }
    const years = d3.utcYear.range(d3.utcYear.ceil(start), end);
    const step = Math.ceil(years.length / room);
    return { values: years.filter((d) => d.getUTCFullYear() % step === 0), format: d3.utcFormat("%Y") };
  }

  // The year on the first tick and where it changes, not on every tick.
  function yearOnce(values, long, short) {
    const withYear = d3.utcFormat(long);
    const without = d3.utcFormat(short);
    return (d, i) => (i === 0 || values[i - 1].getUTCFullYear() !== d.getUTCFullYear() ? withYear(d) : without(d));
  }

  // byDay: [{date, events, fatalities}] ascending; range: {from, to} (YYYY-MM-DD or undefined);
  // onBrush({from, to}) with both null when the selection is cleared.
  function render(container, byDay, range, onBrush) {
    const days = byDay.map((d) => ({ ...d, day: parse(d.date) })).filter((d) => d.day);
    container.replaceChildren();
    if (!days.length) {
      container.append(CW.dom.el("p", { class: "muted timeline-empty" }, "No dated events to chart."));
      return;
    }
    const width = Math.max(240, container.clientWidth || 800);
    const height = 130;
    const margin = { top: 10, right: 46, bottom: 24, left: 40 };

    const first = days[0].day;
    const last = d3.utcDay.offset(days[days.length - 1].day, 1);
    const pad = Math.max(DAY, (last - first) * 0.03);
    const x = d3.scaleUtc()
      .domain([new Date(+first - pad), new Date(+last + pad)])
      .range([margin.left, width - margin.right]);
    const ticks = timeTicks(...x.domain(), x.range()[1] - x.range()[0]);
    const yEvents = d3.scaleLinear()
      .domain([0, d3.max(days, (d) => d.events) || 1]).nice()
      .range([height - margin.bottom, margin.top]);
    const yDead = d3.scaleLinear()
      .domain([0, d3.max(days, (d) => d.fatalities) || 1]).nice()
      .range([height - margin.bottom, margin.top]);

    const totalEvents = d3.sum(days, (d) => d.events);
    const totalDead = d3.sum(days, (d) => d.fatalities);
    const svg = d3.select(container).append("svg")
      .attr("class", "timeline-chart")
      .attr("width", width)
      .attr("height", height)
      .attr("viewBox", `0 0 ${width} ${height}`)
      .attr("role", "img")
      .attr("aria-label", `Timeline of ${totalEvents} events and ${totalDead} fatalities from ${days[0].date} to ${days[days.length - 1].date}. Drag across it to filter by date.`);

    svg.append("g").attr("class", "axis x-axis")
      .attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).tickValues(ticks.values).tickFormat(ticks.format).tickSizeOuter(0));
    svg.append("g").attr("class", "axis y-axis events-axis")
      .attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(yEvents).tickValues(wholeTicks(yEvents, 4)).tickFormat(d3.format("d")).tickSizeOuter(0));
    svg.append("g").attr("class", "axis y-axis deaths-axis")
      .attr("transform", `translate(${width - margin.right},0)`)
      .call(d3.axisRight(yDead).tickValues(wholeTicks(yDead, 4)).tickFormat(d3.format("~s")).tickSizeOuter(0));

    const barX = (d) => {
      const left = x(d.day);
      const right = x(d3.utcDay.offset(d.day, 1));
      const w = Math.max(3, right - left);
      return { x: (left + right) / 2 - w / 2, w };
    };
    svg.append("g").attr("class", "bars")
      .selectAll("rect").data(days).join("rect")
      .attr("class", "bar")
      .attr("data-date", (d) => d.date)
      .attr("x", (d) => barX(d).x)
      .attr("width", (d) => barX(d).w)
      .attr("y", (d) => yEvents(d.events))
      .attr("height", (d) => yEvents(0) - yEvents(d.events))
      .append("title").text((d) => `${d.date}: ${d.events} event${d.events === 1 ? "" : "s"}, ${d.fatalities} killed`);

    const dead = days.filter((d) => d.fatalities > 0);
    const mid = (d) => barX(d).x + barX(d).w / 2;
    const stems = svg.append("g").attr("class", "deaths");
    stems.selectAll("line").data(dead).join("line")
      .attr("x1", mid).attr("x2", mid)
      .attr("y1", yDead(0)).attr("y2", (d) => yDead(d.fatalities));
    stems.selectAll("circle").data(dead).join("circle")
      .attr("data-date", (d) => d.date)
      .attr("cx", mid).attr("cy", (d) => yDead(d.fatalities)).attr("r", 3.5);

    const brush = d3.brushX()
      .extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on("end", (event) => {
        if (!event.sourceEvent) return;
        if (!event.selection) {
          onBrush({ from: null, to: null });
          return;
        }
        const from = d3.utcDay.round(x.invert(event.selection[0]));
        let to = d3.utcDay.offset(d3.utcDay.round(x.invert(event.selection[1])), -1);
        if (to < from) to = from;
        brushGroup.call(brush.move, [x(from), x(d3.utcDay.offset(to, 1))]);
        onBrush({ from: format(from), to: format(to) });
      });
    const brushGroup = svg.append("g").attr("class", "brush").call(brush);

    const from = range.from ? parse(range.from) : null;
    const to = range.to ? parse(range.to) : null;
    if (from || to) {
      const [lo, hi] = x.range();
      const a = from ? Math.max(lo, Math.min(hi, x(from))) : lo;
      const b = to ? Math.max(lo, Math.min(hi, x(d3.utcDay.offset(to, 1)))) : hi;
      if (b > a) brushGroup.call(brush.move, [a, b]);
    }
  }

  return { render, tickFormat, wholeTicks, timeTicks };
})();
