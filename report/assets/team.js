// Sorts and filters the team table of an itbcheck report: no network, no
// storage, nothing outside the page; without it the table reads as
// printed (highest open risk first).
(function () {
  "use strict";
  var table = document.querySelector(".teamtable");
  var tools = document.querySelector(".teamtools");
  if (!table || !tools) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var sortBy = tools.querySelector("select[name=sort]");
  var filters = Array.prototype.slice.call(tools.querySelectorAll("select[data-filter]"));
  var shown = tools.querySelector(".shown");
  function key(r) {
    var k = sortBy.value;
    if (k === "name" || k === "status") return r.getAttribute("data-" + k);
    return Number(r.getAttribute("data-" + k));
  }
  function apply() {
    var sorted = rows.slice().sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x < y) return -1;
      if (x > y) return 1;
      return Number(a.getAttribute("data-risk")) - Number(b.getAttribute("data-risk"));
    });
    var n = 0;
    sorted.forEach(function (r) {
      var ok = filters.every(function (f) {
        return !f.value || (r.getAttribute("data-" + f.getAttribute("data-filter")) || "").split("|").indexOf(f.value) >= 0;
      });
      r.hidden = !ok;
      if (ok) n++;
      body.appendChild(r);
    });
    shown.textContent = n + " of " + rows.length + " athletes shown";
  }
  sortBy.addEventListener("change", apply);
  filters.forEach(function (f) { f.addEventListener("change", apply); });
  tools.hidden = false;
  apply();
})();
