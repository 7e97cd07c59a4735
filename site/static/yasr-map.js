// YASR result view "Map": colours the states of a result on a world map (SVG).
// Own code for TreatyKB. A column holds states as IRIs (https://w3id.org/treatykb/id/state/DEU) or
// ISO3 codes; a numeric column, if any, sets the shade. The boundaries come from the server
// (/sparql/shapes.json, the same world-atlas shapes as the site's maps). Accessible: the SVG has a
// title and description, each state a title, and a table of the states is the text alternative.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const PALETTE = ["#fde0c5", "#facba6", "#f59e72", "#e4673e", "#b8321f"];
  const EMPTY = "#f1f1f1";
  const STATE = /\/id\/(?:state|territory)\/([A-Z]{3})$/;
  const ISO3 = /^[A-Z]{3}$/;
  const views = (window.TreatyKBViews = window.TreatyKBViews || {});
  let shapes = null; // one request per page

  function code(b) {
    if (!b) { return null; }
    if (b.type === "uri") { const m = STATE.exec(b.value); return m ? m[1] : null; }
    return ISO3.test(b.value.trim()) ? b.value.trim() : null;
  }

  function pickColumns(vars, rows) {
    if (!vars || !rows || !rows.length) { return null; }
    const state = vars.find((v) => {
      const bound = rows.filter((r) => r[v]);
      const hits = bound.filter((r) => code(r[v])).length;
      return hits > 0 && hits * 2 >= bound.length;
    });
    if (!state) { return null; }
    const isNumber = views.isNumber || ((b) => !!b && b.type !== "uri" && Number.isFinite(Number(b.value)));
    const value = vars.find((v) => v !== state && rows.some((r) => r[v]) && rows.filter((r) => r[v]).every((r) => isNumber(r[v])));
    const label = vars.find((v) => v !== state && v !== value && rows.some((r) => r[v] && r[v].type === "literal"));
    return { state, value, label };
  }

  function loadShapes() {
    if (!shapes) {
      const url = (views.config && views.config.shapes) || "sparql/shapes.json";
      shapes = fetch(url).then((r) => {
        if (!r.ok) { throw new Error("the world boundaries are not installed on this server"); }
        return r.json();
      });
      shapes.catch(() => { shapes = null; });
    }
    return shapes;
  }

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const k in attrs || {}) { node.setAttribute(k, String(attrs[k])); }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  let counter = 0;

  class MapView {
    constructor(yasr) {
      this.yasr = yasr;
      this.label = "Map";
      this.priority = 3;
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
      svg.appendChild(el("circle", { cx: 8, cy: 8, r: 6.5, fill: "none", stroke: "currentColor", "stroke-width": 1.5 }));
      svg.appendChild(el("path", { d: "M1.5 8h13M8 1.5c-3 3.5-3 9.5 0 13M8 1.5c3 3.5 3 9.5 0 13", fill: "none", stroke: "currentColor", "stroke-width": 1.2 }));
      return svg;
    }

    async draw() {
      const cols = this.columns();
      const out = this.yasr.resultsEl;
      if (!cols) { out.textContent = "No map: no column holds states (state IRIs or ISO3 codes)."; return; }
      const names = views.states || {};
      const found = new Map(); // ISO3 -> {name, value, count}
      for (const r of this.yasr.results.getBindings()) {
        const c = code(r[cols.state]);
        if (!c) { continue; }
        const item = found.get(c) || { name: names[c] || c, value: null, count: 0 };
        item.count += 1;
        if (cols.label && r[cols.label] && !names[c]) { item.name = r[cols.label].value; }
        if (cols.value && r[cols.value]) { item.value = (item.value || 0) + Number(r[cols.value].value); }
        found.set(c, item);
      }
      const valued = cols.value ? [...found.values()].map((i) => i.value).filter((v) => v !== null) : [];
      const low = valued.length ? Math.min(...valued) : 0, high = valued.length ? Math.max(...valued) : 0;
      const shade = (item) => {
        if (!cols.value || item.value === null) { return PALETTE[3]; }
        if (high === low) { return PALETTE[4]; }
        return PALETTE[Math.min(4, Math.floor(((item.value - low) / (high - low)) * 5))];
      };
      const describe = (c, item) => `${item.name} (${c})` + (cols.value && item.value !== null ? `: ${cols.value} ${item.value}` : ": in the result");
      const title = cols.value ? `${cols.value} by state (${cols.state})` : `States in the result (${cols.state})`;
      const rows = [...found.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name));
      const missing = [];
      let data = null;
      try {
        data = await loadShapes();
      } catch (err) {
        const p = document.createElement("p");
        p.textContent = "No map: " + err.message + ". The states are listed in the table below.";
        out.appendChild(p);
      }
      if (data) {
        const id = "tkb-map-" + ++counter;
        const figure = document.createElement("figure");
        figure.className = "tkb-map";
        const svg = el("svg", {
          xmlns: SVG, viewBox: `0 0 ${data.width} ${data.height}`, width: "100%", role: "img",
          "aria-labelledby": `${id}-title ${id}-desc`, class: "tkb-map-svg",
        });
        svg.appendChild(el("title", { id: `${id}-title` }, "World map: " + title));
        for (const [c] of rows) { if (!data.shapes[c]) { missing.push(c); } }
        svg.appendChild(el("desc", { id: `${id}-desc` },
          `${rows.length - missing.length} states coloured` + (cols.value ? `, darker for a higher ${cols.value} (${low} to ${high})` : "") +
          (missing.length ? `; not on this map: ${missing.join(", ")}` : "") + ". The states are listed in the table below the map."));
        for (const c of Object.keys(data.shapes).sort()) {
          const item = found.get(c);
          const path = el("path", { d: data.shapes[c], fill: item ? shade(item) : EMPTY, stroke: "#888", "stroke-width": 0.3 });
          if (item) { path.setAttribute("class", "tkb-hit"); path.setAttribute("data-state", c); }
          path.appendChild(el("title", {}, item ? describe(c, item) : `${names[c] || c} (${c}): not in the result`));
          svg.appendChild(path);
        }
        const legend = cols.value && high !== low
          ? [[PALETTE[0], `${cols.value} ${low}`], [PALETTE[4], `${cols.value} ${high}`], [EMPTY, "not in the result"]]
          : [[PALETTE[cols.value ? 4 : 3], "in the result"], [EMPTY, "not in the result"]];
        legend.forEach(([colour, text], i) => {
          const y = data.height - 20 - 18 * (legend.length - 1 - i);
          svg.appendChild(el("rect", { x: 10, y: y - 11, width: 14, height: 14, fill: colour, stroke: "#555" }));
          svg.appendChild(el("text", { x: 30, y, "font-size": 13 }, text));
        });
        figure.appendChild(svg);
        const caption = document.createElement("figcaption");
        caption.textContent = title + (missing.length ? ` — not on the map: ${missing.join(", ")}` : "");
        figure.appendChild(caption);
        out.appendChild(figure);
        this.svg = svg;
      }
      const head = ["State", "Code"].concat(cols.value ? [cols.value] : ["Rows"]);
      const table = views.textTable
        ? views.textTable("States of the map: " + title, head,
          rows.map(([c, i]) => [i.name, c, String(cols.value ? i.value : i.count)]))
        : document.createTextNode("");
      out.appendChild(table);
    }

    download() {
      if (!this.svg) { return undefined; }
      const svg = this.svg;
      return {
        getData: () => new XMLSerializer().serializeToString(svg),
        contentType: "image/svg+xml",
        filename: "treatykb-map.svg",
        title: "Download the map (SVG)",
      };
    }

    destroy() { this.svg = null; }
  }

  views.map = MapView;
})();
