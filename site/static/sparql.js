// SPARQL in the browser over the published dump, with Oxigraph's WebAssembly build (bundled).
const config = JSON.parse(document.getElementById("sparql-config").textContent);
const status = document.getElementById("sparql-status");
const form = document.getElementById("sparql-form");
const text = document.getElementById("sparql-text");
const results = document.getElementById("sparql-results");
const library = document.getElementById("sparql-library");
const button = form.querySelector("button");

// a library query with its example values, bound by a VALUES block at the start of the WHERE clause
function withExamples(q) {
  if (!q.parameters.length) { return q.sparql; }
  const values = q.parameters.map((p) => `VALUES ?${p.name} { ${p.term} }`).join(" ");
  const at = q.sparql.search(/WHERE\s*\{/i);
  const brace = q.sparql.indexOf("{", at) + 1;
  return q.sparql.slice(0, brace) + "\n  " + values + q.sparql.slice(brace);
}

function table(doc) {
  results.textContent = "";
  if (doc.boolean !== undefined) { results.textContent = String(doc.boolean); return; }
  const vars = doc.head.vars;
  const t = document.createElement("table");
  const cap = t.createCaption(); cap.textContent = doc.results.bindings.length + " row(s)";
  const head = t.createTHead().insertRow();
  vars.forEach((v) => { const th = document.createElement("th"); th.scope = "col"; th.textContent = v; head.appendChild(th); });
  const body = t.createTBody();
  doc.results.bindings.forEach((row) => {
    const tr = body.insertRow();
    vars.forEach((v) => { tr.insertCell().textContent = row[v] ? row[v].value : ""; });
  });
  results.appendChild(t);
}

async function start() {
  if (location.protocol === "file:") {
    status.textContent = "SPARQL in the browser needs the site to be served over http: serve this folder (python -m http.server) and open it from there.";
    return;
  }
  status.textContent = "Loading the query engine and the data ...";
  const ox = await import(new URL(config.module, location.href).href);
  await ox.default();
  const store = new ox.Store();
  const dump = await (await fetch(config.dump)).text();
  store.load(dump, { format: "application/n-quads" });
  status.textContent = `Ready: ${store.size} quads loaded.`;
  button.disabled = false;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    try {
      const out = store.query(text.value, { use_default_graph_as_union: true, results_format: "application/sparql-results+json" });
      table(JSON.parse(out));
    } catch (err) {
      results.textContent = "Query error: " + err;
    }
  });
  const wanted = new URLSearchParams(location.search).get("q");
  library.addEventListener("change", () => {
    const q = config.library.find((x) => x.name === library.value);
    if (q) { text.value = withExamples(q); }
  });
  if (wanted) { library.value = wanted; library.dispatchEvent(new Event("change")); form.requestSubmit(); }
}
start().catch((err) => { status.textContent = "Could not start SPARQL in the browser: " + err; });
