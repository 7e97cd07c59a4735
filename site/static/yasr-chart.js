// YASR result view "Chart": a horizontal SVG bar chart of a label column and a numeric column.
// Own code for TreatyKB. Accessible: the SVG has a title and a description, each bar a title,
// and the same numbers are in a table under the chart (the text alternative).
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const MAX_BARS = 60;
  const views = (window.TreatyKBViews = window.TreatyKBViews || {});

  function isNumber(b) {
    return !!b && b.type !== "uri" && b.type !== "bnode" && b.value.trim() !== "" && Number.isFinite(Number(b.value));
  }

  // short text for a term: prefixed name, a known label, or the last segment of an IRI
  function termText(b, prefixes) {
    if (!b) { return ""; }
    if (b.type !== "uri") { return b.value; }
    const known = views.labels && views.labels[b.value];
    if (known) { return known; }
    for (const p in prefixes || {}) {
      if (b.value.indexOf(prefixes[p]) === 0) { return p + ":" + b.value.slice(prefixes[p].length); }
    }
    return b.value.split(/[#/]/).pop() || b.value;
  }

  // {label, value}: the first all-numeric column, and a label column (a literal one if there is one)
  function pickColumns(vars, rows) {
    if (!vars || !rows || !rows.length) { return null; }
    const bound = (v) => rows.filter((r) => r[v]);
    const value = vars.find((v) => bound(v).length > 0 && bound(v).every((r) => isNumber(r[v])));
    if (!value) { return null; }
    const others = vars.filter((v) => v !== value && bound(v).length > 0 && !bound(v).every((r) => isNumber(r[v])));
    const label = others.find((v) => bound(v).some((r) => r[v].type !== "uri")) || others[0];
    return label ? { label, value } : null;
  }

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const k in attrs || {}) { node.setAttribute(k, String(attrs[k])); }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  let counter = 0;

  class ChartView {
    constructor(yasr) {
      this.yasr = yasr;
      this.label = "Chart";
      this.priority = 4; // below the table: never chosen over it unless selected
      this.svg = null;
    }

    columns() {
      const r = this.yasr.results;
      if (!r || !r.getVariables || !r.getBindings) { return null; }
      return pickColumns(r.getVariables(), r.getBindings() || []);
    }

    canHandleResults() {
      return !!this.columns();
    }

    getIcon() {
      const svg = el("svg", { viewBox: "0 0 16 16", width: 15, height: 15, "aria-hidden": "true", focusable: "false" });
      [[1, 9, 3, 6], [6, 4, 3, 11], [11, 7, 3, 8]].forEach(([x, y, w, h]) => {
        svg.appendChild(el("rect", { x, y, width: w, height: h, fill: "currentColor" }));
      });
      return svg;
    }

    draw() {
      const cols = this.columns();
      const out = this.yasr.resultsEl;
      if (!cols) { out.textContent = "No chart: the result needs a label column and a numeric column."; return; }
      const prefixes = this.yasr.getPrefixes ? this.yasr.getPrefixes() : {};
      const all = this.yasr.results.getBindings().filter((r) => r[cols.value]);
      const rows = all.slice(0, MAX_BARS).map((r) => ({
        label: termText(r[cols.label], prefixes) || "(none)",
        value: Number(r[cols.value].value),
      }));
      const id = "tkb-chart-" + ++counter;
      const top = Math.max(0, ...rows.map((r) => r.value));
      const bottom = Math.min(0, ...rows.map((r) => r.value));
      const span = top - bottom || 1;
      const labelWidth = Math.min(260, 12 + 7 * Math.max(...rows.map((r) => r.label.length)));
      const width = 760, bar = 22, gap = 6, plot = width - labelWidth - 70;
      const height = rows.length * (bar + gap) + 10;
      const zero = labelWidth + ((0 - bottom) / span) * plot;

      const figure = document.createElement("figure");
      figure.className = "tkb-chart";
      const svg = el("svg", {
        xmlns: SVG, viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img",
        "aria-labelledby": `${id}-title ${id}-desc`, class: "tkb-chart-svg",
      });
      const title = `${cols.value} by ${cols.label}`;
      svg.appendChild(el("title", { id: `${id}-title` }, `Bar chart: ${title}`));
      svg.appendChild(el("desc", { id: `${id}-desc` },
        `${rows.length} bars` + (all.length > rows.length ? ` (first ${rows.length} of ${all.length} rows)` : "") +
        `; values from ${bottom} to ${top}. The same numbers are in the table below the chart.`));
      rows.forEach((r, i) => {
        const y = 5 + i * (bar + gap);
        const x1 = labelWidth + ((Math.min(0, r.value) - bottom) / span) * plot;
        const w = Math.max(1, (Math.abs(r.value) / span) * plot);
        const g = el("g", { class: "tkb-bar" });
        g.appendChild(el("title", {}, `${r.label}: ${r.value}`));
        const shown = r.label.length > 36 ? r.label.slice(0, 35) + "…" : r.label;
        g.appendChild(el("text", { x: labelWidth - 8, y: y + bar * 0.7, "text-anchor": "end", "font-size": 13 }, shown));
        g.appendChild(el("rect", { x: x1, y, width: w, height: bar, fill: "#b8321f" }));
        g.appendChild(el("text", { x: x1 + w + 6, y: y + bar * 0.7, "font-size": 13 }, String(r.value)));
        svg.appendChild(g);
      });
      svg.appendChild(el("line", { x1: zero, x2: zero, y1: 0, y2: height, stroke: "#333" }));
      figure.appendChild(svg);
      const caption = document.createElement("figcaption");
      caption.textContent = `${title}` + (all.length > rows.length ? ` — first ${rows.length} of ${all.length} rows` : "");
      figure.appendChild(caption);
      out.appendChild(figure);
      out.appendChild(textTable(`Data of the chart: ${title}`, [cols.label, cols.value], rows.map((r) => [r.label, String(r.value)])));
      this.svg = svg;
    }

    download() {
      if (!this.svg) { return undefined; }
      const svg = this.svg;
      return {
        getData: () => new XMLSerializer().serializeToString(svg),
        contentType: "image/svg+xml",
        filename: "treatykb-chart.svg",
        title: "Download the chart (SVG)",
      };
    }

    destroy() { this.svg = null; }
  }

  // the text alternative shared by the chart and the map: a plain table in a disclosure
  function textTable(caption, head, rows) {
    const details = document.createElement("details");
    details.className = "tkb-alt";
    const summary = document.createElement("summary");
    summary.textContent = "Text alternative: " + caption;
    details.appendChild(summary);
    const table = document.createElement("table");
    table.createCaption().textContent = caption;
    const tr = table.createTHead().insertRow();
    head.forEach((h) => { const th = document.createElement("th"); th.scope = "col"; th.textContent = h; tr.appendChild(th); });
    const body = table.createTBody();
    rows.forEach((r) => { const row = body.insertRow(); r.forEach((c) => { row.insertCell().textContent = c; }); });
    details.appendChild(table);
    return details;
  }

  views.chart = ChartView;
  views.textTable = textTable;
  views.termText = termText;
  views.isNumber = isNumber;
})();
