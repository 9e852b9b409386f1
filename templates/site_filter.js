/* sopc: offline filter for the SOP list (the page is complete without it). */
(function () {
  "use strict";
  var box = document.getElementById("saring-kotak");
  var input = document.getElementById("saring");
  if (!box || !input) { return; }
  var rows = document.querySelectorAll("tr[data-saring]");
  var sections = document.querySelectorAll("section.unit");
  var out = document.getElementById("saring-hasil");
  box.hidden = false;
  function apply() {
    var q = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (r) {
      var text = r.getAttribute("data-saring");
      var ok = q.every(function (w) { return text.indexOf(w) !== -1; });
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    sections.forEach(function (s) {
      s.hidden = !s.querySelector("tr[data-saring]:not([hidden])");
    });
    if (out) { out.textContent = q.length ? shown + " / " + rows.length + " SOP" : ""; }
  }
  input.addEventListener("input", apply);
  apply();
}());
