// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // filter lists as you type
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var items = document.querySelectorAll(input.getAttribute("data-filter"));
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      items.forEach(function (li) { li.hidden = q && li.textContent.toLowerCase().indexOf(q) < 0; });
    });
  });
  // sortable tables: header buttons, keyboard operable, state announced with aria-sort
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button"; button.className = "sort"; button.textContent = th.textContent;
      th.textContent = ""; th.appendChild(button);
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
          var nx = parseFloat(x), ny = parseFloat(y);
          var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  // the pair form goes to the pair's page (live and static alike)
  document.querySelectorAll("form[data-pair-form]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var a = form.elements.a.value.trim().toUpperCase(), b = form.elements.b.value.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(a) || !/^[A-Z]{3}$/.test(b)) { return; }
      var here = location.pathname;
      var ext = /\.html$/.test(here) ? ".html" : "";
      location.href = "../" + a + "/" + b + ext;
    });
  });
})();
// the gap matrix: built from the compact data in the page when its section is opened
(function () {
  "use strict";
  var holder = document.querySelector("details[data-matrix]");
  var data = document.getElementById("matrix-data");
  if (!holder || !data) { return; }
  var cfg = JSON.parse(data.textContent);
  var link = holder.getAttribute("data-compare"), ext = holder.getAttribute("data-ext");
  var symbol = {S: "●", F: "◐", U: "?", N: "○"};
  holder.addEventListener("toggle", function () {
    var box = document.getElementById("matrix");
    if (!holder.open || box.firstChild) { return; }
    var table = document.createElement("table");
    table.className = "matrix";
    table.createCaption().textContent = holder.querySelector("summary").textContent;
    var head = table.createTHead().insertRow();
    head.appendChild(document.createElement("td"));
    cfg.order.forEach(function (b) { var th = document.createElement("th"); th.scope = "col"; th.textContent = b; head.appendChild(th); });
    var body = table.createTBody();
    cfg.order.forEach(function (a, i) {
      var tr = body.insertRow();
      var th = document.createElement("th"); th.scope = "row"; th.textContent = a; tr.appendChild(th);
      cfg.rows[i].split("").forEach(function (c, j) {
        var td = tr.insertCell();
        if (c === "-") { return; }
        var status = cfg.legend[c];
        td.className = "m-" + status;
        var anchor = document.createElement("a");
        var pair = a + "/" + cfg.order[j];
        anchor.href = ext ? link.replace(/index\.html$/, "") + "index.html#" + pair : link + pair;
        anchor.textContent = symbol[c];
        anchor.title = a + " → " + cfg.order[j] + ": " + cfg.labels[status];
        td.appendChild(anchor);
      });
    });
    box.appendChild(table);
  });
})();

// PNG export of a map: the SVG drawn on a canvas at twice its size (no server needed)
(function () {
  document.querySelectorAll("button[data-png]").forEach(function (button) {
    var svg = button.closest("figure") && button.closest("figure").querySelector("svg");
    if (!svg || !window.XMLSerializer || !document.createElement("canvas").toBlob) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var box = svg.getBoundingClientRect();
      var copy = svg.cloneNode(true);
      copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
      copy.setAttribute("width", String(Math.round(box.width)));
      copy.setAttribute("height", String(Math.round(box.height)));
      var xml = new XMLSerializer().serializeToString(copy);
      var img = new Image();
      img.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(box.width * 2);
        canvas.height = Math.round(box.height * 2);
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
          var a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = button.getAttribute("data-png");
          document.body.appendChild(a);
          a.click();
          setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        }, "image/png");
      };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(xml);
    });
  });
})();
