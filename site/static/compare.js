// Pair comparison in the browser (static site): loads data/pairs/{A}.js and data/pairs/{B}.js as
// scripts (works from file://) and renders the same sections as the live /compare/{A}/{B} page.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("pair-config").textContent);
  var form = document.getElementById("pair-form");
  var app = document.getElementById("pair-app");
  var base = form.getAttribute("data-pairs");
  var L = config.labels;
  var data = {};
  window.TreatyKB = window.TreatyKB || {};
  window.TreatyKB.pair = function (d) { data[d.code] = d; };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function status(s) { return el("span", {"class": "status status-" + s}, [L[s] || s]); }
  function art(p) {
    var parts = p.split("/art/")[1].split("/"), out = parts[0];
    for (var i = 1; i < parts.length - 1; i += 2) { out += "(" + parts[i + 1] + ")"; }
    return out;
  }
  var CLOSE = config.closing;
  function load(code, done) {
    if (data[code]) { done(); return; }
    var s = document.createElement("script");
    s.src = base + code + ".js";
    s.onload = done;
    s.onerror = function () { app.textContent = "No data for " + code + "."; };
    document.head.appendChild(s);
  }
  var LETTER = {A: "available", C: "available_with_conditions", U: "unknown", N: "not_available"};
  function decode(D, d) {
    return [LETTER[d[0]], d[1].map(function (i) { return D.provisions[i]; }),
            d[2].map(function (i) { return D.conditions[i]; }), d[3].map(function (i) { return D.gaps[i]; })];
  }
  function cell(d) {
    var td = el("td", {}, [status(d[0])]);
    var details = el("details", {}, [el("summary", {}, [L.basis])]);
    details.appendChild(el("p", {}, [d[1].length ? d[1].map(function (p) { return "art. " + art(p) + " (" + p.split("/")[0] + ")"; }).join("; ") : L.none]));
    if (d[2].length) { details.appendChild(el("p", {}, [L.conditions + ": " + d[2].join(", ")])); }
    if (d[3].length) { details.appendChild(el("p", {}, [L.close + ": " + d[3].map(function (g) { return CLOSE[g] || g; }).join("; ")])); }
    td.appendChild(details);
    return td;
  }
  function render(a, b) {
    var A = data[a], B = data[b];
    app.textContent = "";
    var lang = config.lang;
    app.appendChild(el("h2", {}, [A.name[lang] + " – " + B.name[lang]]));
    var shared = Object.keys(config.treaties).filter(function (t) {
      var ok = ["party", "denunciation_pending"];
      return A.treaties[t] && B.treaties[t] && ok.indexOf(A.treaties[t].status) >= 0 && ok.indexOf(B.treaties[t].status) >= 0;
    });
    app.appendChild(el("h2", {}, [L.shared]));
    app.appendChild(el("ul", {}, shared.length ? shared.map(function (t) { return el("li", {}, [config.treaties[t]]); }) : [el("li", {}, [L.none])]));
    app.appendChild(el("h2", {}, [L.both]));
    var rows = config.mechanisms.map(function (m) {
      var ab = (A.to[b] || {})[m], ba = (B.to[a] || {})[m];
      ab = ab && decode(A, ab); ba = ba && decode(B, ba);
      return el("tr", {}, [el("th", {scope: "row"}, [m]), ab ? cell(ab) : el("td", {}, ["—"]), ba ? cell(ba) : el("td", {}, ["—"])]);
    });
    app.appendChild(el("table", {}, [el("caption", {}, [a + " → " + b + " / " + b + " → " + a + " · " + L.data_as_of + " " + A.date]),
      el("thead", {}, [el("tr", {}, [el("th", {scope: "col"}, [L.mechanism]), el("th", {scope: "col"}, [a + " → " + b]), el("th", {scope: "col"}, [b + " → " + a])])]),
      el("tbody", {}, rows)]));
    app.appendChild(el("h2", {}, [L.side]));
    Object.keys(config.treaties).forEach(function (t) {
      var sa = (A.treaties[t] || {}).statements || [], sb = (B.treaties[t] || {}).statements || [];
      if (!sa.length && !sb.length) { return; }
      var arts = {};
      sa.concat(sb).forEach(function (s) { (s.provisions.length ? s.provisions : [t + "/art/-"]).forEach(function (p) { arts[p.split("/").slice(0, 3).join("/")] = true; }); });
      var body = Object.keys(arts).sort().map(function (p) {
        function list(ss) { return el("td", {}, ss.filter(function (s) { return s.provisions.some(function (q) { return q.indexOf(p) === 0; }) || (!s.provisions.length && p.slice(-1) === "-"); }).map(function (s) { return el("p", {}, [s.kind.replace(/_/g, " ") + ": " + (s.summary || "") + (s.evidence ? " [" + s.evidence.grade + (s.evidence.dated_by === "event" ? ", " + s.evidence.dated_by : "") + "]" : "")]); })); }
        return el("tr", {}, [el("th", {scope: "row"}, [art(p)]), list(sa), list(sb)]);
      });
      app.appendChild(el("h3", {}, [config.treaties[t]]));
      app.appendChild(el("table", {"class": "side"}, [el("caption", {}, [config.treaties[t]]),
        el("thead", {}, [el("tr", {}, [el("th", {scope: "col"}, [L.article]), el("th", {scope: "col"}, [A.name[lang]]), el("th", {scope: "col"}, [B.name[lang]])])]),
        el("tbody", {}, body)]));
    });
  }
  function show() {
    var m = /^#([A-Z]{3}|EU)\/([A-Z]{3}|EU)$/.exec(location.hash);
    var a = m ? m[1] : form.elements.a.value, b = m ? m[2] : form.elements.b.value;
    form.elements.a.value = a; form.elements.b.value = b;
    if (a === b) { app.textContent = "Choose two different states."; return; }
    load(a, function () { load(b, function () { render(a, b); }); });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    location.hash = form.elements.a.value + "/" + form.elements.b.value;
  });
  window.addEventListener("hashchange", show);
  show();
})();
