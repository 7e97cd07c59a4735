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
