// The query editor at /sparql: YASGUI (vendored from npm, served by this app) over the plain form.
// Progressive enhancement: without JavaScript, or if YASGUI did not load, the plain form stays.
// Completion uses TreatyKB's own terms (/sparql/completions.json); the remote services YASQE would
// ask (Linked Open Vocabularies, prefix.cc) are replaced, so the page talks to no other host.
(function () {
  "use strict";
  const configEl = document.getElementById("editor-config");
  const Yasgui = window.Yasgui;
  if (!configEl || !Yasgui || !Yasgui.Yasqe || !Yasgui.Yasr) { return; }
  const config = JSON.parse(configEl.textContent);
  const here = (p) => new URL(p, location.href).href;
  const endpoint = here(config.endpoint);
  const form = document.getElementById("sparql-plain");
  const textarea = document.getElementById("query");
  const section = document.getElementById("editor");
  const status = document.getElementById("editor-status");
  const Yasqe = Yasgui.Yasqe;
  const Yasr = Yasgui.Yasr;
  const views = (window.TreatyKBViews = window.TreatyKBViews || {});
  views.config = { shapes: here(config.shapes) };
  const LIMIT = 60;
  const EMPTY = { prefixes: {}, classes: [], properties: [], states: [], treaties: [], mechanisms: [] };

  async function loadCompletions() {
    try {
      const r = await fetch(here(config.completions), { headers: { Accept: "application/json" } });
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return await r.json();
    } catch (err) {
      status.textContent = "Completion lists could not be loaded (" + err.message + "); the editor works without them.";
      return EMPTY;
    }
  }

  // the query's own prefixes, then TreatyKB's: expand "coop:Res" or "<https://...>" to an IRI start
  function expand(yasqe, text) {
    if (text.startsWith("<")) { return text.slice(1).replace(/>$/, ""); }
    const i = text.indexOf(":");
    if (i < 0) { return null; }
    const declared = yasqe.getPrefixesFromQuery();
    const ns = declared[text.slice(0, i)];
    return ns === undefined ? null : ns + text.slice(i + 1);
  }

  function completers(data) {
    const label = {};
    const entityNs = [];
    const entries = (list, extra) => list.map((t) => {
      const text = t.label ? t.label : "";
      label[t.iri] = text + (extra && t[extra] ? " — " + t[extra] : "");
      return t;
    });
    const classes = entries(data.classes || []);
    const properties = entries(data.properties || []);
    const entities = entries([].concat(data.states || [], data.treaties || [], data.mechanisms || []), "title");
    entities.forEach((e) => {
      const ns = e.iri.slice(0, e.iri.lastIndexOf("/") + 1);
      if (entityNs.indexOf(ns) < 0) { entityNs.push(ns); }
    });
    views.labels = {};
    views.states = {};
    (data.states || []).forEach((s) => { views.labels[s.iri] = s.label; views.states[s.code] = s.label; });
    (data.treaties || []).forEach((t) => { views.labels[t.iri] = t.label; });
    (data.mechanisms || []).forEach((m) => { views.labels[m.iri] = m.label; });

    // matches: the IRI starts with what was typed (expanded), or its local name / label contains it
    function match(list, start) {
      if (start === null || start === undefined) { return []; }
      const cut = Math.max(start.lastIndexOf("#"), start.lastIndexOf("/")) + 1;
      const ns = start.slice(0, cut), word = start.slice(cut).toLowerCase();
      const hits = list.filter((t) => {
        if (t.iri.indexOf(start) === 0) { return true; }
        if (!word || t.iri.indexOf(ns) !== 0) { return false; }
        const local = t.iri.slice(ns.length).toLowerCase();
        return local.indexOf(word) >= 0 || (t.label || "").toLowerCase().indexOf(word) >= 0 ||
          (t.title || "").toLowerCase().indexOf(word) >= 0;
      });
      return hits.slice(0, LIMIT).map((t) => t.iri);
    }

    function tokenIri(yasqe, token) {
      const s = (token.autocompletionString || token.string || "").trim();
      if (/^https?:\/\//.test(s)) { return s; }
      return expand(yasqe, s);
    }

    function isEntity(yasqe) {
      const token = yasqe.getCompleteToken();
      if (!token || !token.string || /^[?$]/.test(token.string)) { return false; }
      const iri = expand(yasqe, token.string.trim());
      return !!iri && entityNs.some((ns) => iri.indexOf(ns) === 0);
    }

    function labelled(yasqe, hints) {
      return hints.map((h) => {
        const iri = expand(yasqe, h.text);
        const text = iri && label[iri];
        return text ? Object.assign({}, h, { displayText: h.text + "  " + text }) : h;
      });
    }

    const base = Yasqe.Autocompleters;
    const propValid = base.property.isValidCompletionPosition;
    const classValid = base["class"].isValidCompletionPosition;
    Yasqe.forkAutocompleter("prefixes", {
      name: "prefixes",
      get: Object.keys(data.prefixes || {}).sort().map((p) => p + ": <" + data.prefixes[p] + ">"),
      persistenceId: () => undefined, // never the bundled list stored by another page
    });
    Yasqe.forkAutocompleter("property", {
      name: "property",
      bulk: false,
      autoShow: true,
      get: (yasqe, token) => match(properties, tokenIri(yasqe, token)),
      isValidCompletionPosition: (yasqe) => propValid(yasqe) && !isEntity(yasqe),
      postprocessHints: labelled,
    });
    Yasqe.forkAutocompleter("class", {
      name: "class",
      bulk: false,
      autoShow: true,
      get: (yasqe, token) => match(classes, tokenIri(yasqe, token)),
      isValidCompletionPosition: (yasqe) => classValid(yasqe) && !isEntity(yasqe),
      postprocessHints: labelled,
    });
    Yasqe.forkAutocompleter("property", {
      name: "treatykb-entities",
      bulk: false,
      autoShow: true,
      get: (yasqe, token) => match(entities, tokenIri(yasqe, token)),
      isValidCompletionPosition: (yasqe) => isEntity(yasqe),
      postprocessHints: labelled,
    });
    Yasqe.defaults.autocompleters = ["variables", "prefixes", "property", "class", "treatykb-entities"];
  }

  async function start() {
    const data = await loadCompletions();
    completers(data);
    Yasr.registerPlugin("chart", views.chart);
    Yasr.registerPlugin("map", views.map);
    Yasr.defaults.pluginOrder = ["table", "chart", "map", "response"];
    Yasr.defaults.defaultPlugin = "table";
    Yasr.defaults.prefixes = data.prefixes || {};
    Yasr.defaults.persistenceId = null;
    Yasqe.defaults.value = textarea.value;
    Yasqe.defaults.persistenceId = null;
    Yasqe.defaults.editorHeight = "280px";
    Yasqe.defaults.prefixCcApi = null;

    section.hidden = false;
    form.hidden = true;
    const yasgui = new Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint, method: "POST" },
      endpointCatalogueOptions: { getData: () => [{ endpoint }], keys: [] },
      copyEndpointOnNewTab: true,
      persistenceId: null,
      autofocus: false,
      tabName: "Query",
    });
    // only this endpoint: a tab restored from a link or added later is pointed back here
    const pin = (tab) => { if (tab && tab.getEndpoint() !== endpoint) { tab.setEndpoint(endpoint); } };
    pin(yasgui.getTab());
    yasgui.on("tabChange", (_y, tab) => pin(typeof tab === "string" ? yasgui.getTab(tab) : tab));
    yasgui.on("query", (_y, tab) => pin(tab));
    label(document.getElementById("yasgui"));
    new MutationObserver(() => label(document.getElementById("yasgui"))).observe(
      document.getElementById("yasgui"), { childList: true, subtree: true });
    window.treatykbEditor = yasgui;
    status.textContent = "Query editor ready.";
  }

  // names for YASGUI controls that have none (screen readers, axe)
  function label(root) {
    // one tab: a tab list may hold only tabs, so the "add a tab" button goes
    root.querySelectorAll(".tabsList .addTab").forEach((b) => (b.parentElement || b).remove());
    root.querySelectorAll(".tabsList input:not([aria-label])").forEach((i) => i.setAttribute("aria-label", "Tab name"));
    root.querySelectorAll("textarea:not([aria-label])").forEach((t) => t.setAttribute("aria-label", "SPARQL query"));
    root.querySelectorAll("input:not([aria-label])").forEach((i) => {
      if (!i.id || !root.querySelector(`label[for="${i.id}"]`)) {
        i.setAttribute("aria-label", i.placeholder || i.name || "Editor option");
      }
    });
    root.querySelectorAll("select:not([aria-label])").forEach((s) => s.setAttribute("aria-label", s.name || "Editor option"));
    root.querySelectorAll("button:not([aria-label])").forEach((b) => {
      if (!b.textContent.trim() && b.title) { b.setAttribute("aria-label", b.title); }
    });
  }

  start().catch((err) => {
    section.hidden = true;
    form.hidden = false;
    status.textContent = "The query editor could not start (" + err.message + "); the plain form works.";
  });
})();
