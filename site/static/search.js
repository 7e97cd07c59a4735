// In-browser search over search-index.js (states, treaties, mechanisms, statement texts).
// The index is a script, not fetched data, so search works from file:// too.
(function () {
  "use strict";
  var index = window.TreatyKBIndex || [];
  var cfg = window.TreatyKBSearch;
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  function norm(s) { return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  var prepared = index.map(function (e) { return {e: e, hay: norm(e.t + " " + e.c)}; });
  function url(u) {
    var hash = u.indexOf("#");
    var path = hash < 0 ? u : u.slice(0, hash), frag = hash < 0 ? "" : u.slice(hash);
    return cfg.root + path + cfg.ext + frag;
  }
  function run() {
    var words = norm(input.value).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = prepared.filter(function (p) { return words.every(function (w) { return p.hay.indexOf(w) >= 0; }); });
    status.textContent = hits.length + " result(s)";
    hits.slice(0, 100).forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = url(p.e.u); a.textContent = p.e.t;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" (" + p.e.k + ") " + (p.e.c || "").slice(0, 160)));
      list.appendChild(li);
    });
  }
  input.addEventListener("input", run);
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; }
  run();
})();
// Full-text search with Pagefind when the site is served over http and the index exists; the
// script index above stays as the fallback (file://, or a live server without the index).
(function () {
  "use strict";
  var box = document.getElementById("pagefind-search");
  if (!box || location.protocol === "file:") { return; }
  var bundle = new URL(box.getAttribute("data-bundle"), location.href).href;
  var css = document.createElement("link");
  css.rel = "stylesheet"; css.href = bundle + "pagefind-ui.css";
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    box.hidden = false;
    // eslint-disable-next-line no-undef
    new PagefindUI({element: "#pagefind-search", bundlePath: bundle, showImages: false});
    // one search box: the full-text one replaces the script-index fallback, and gets its label
    var label = document.querySelector("label[for=search-q]").textContent;
    ["search-q", "search-status", "search-results"].forEach(function (id) {
      var el = document.getElementById(id);
      (el.closest("form") || el).hidden = true;
    });
    var labelled = setInterval(function () {
      var input = box.querySelector("input");
      if (input) { input.setAttribute("aria-label", label); clearInterval(labelled); }
    }, 50);
  };
  script.onerror = function () { /* no index here: the script index is used */ };
  document.head.appendChild(css);
  document.head.appendChild(script);
})();
