// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Print button on the receipt.
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
  // Name and phone only matter when the reporter chose to be named.
  var named = document.getElementById("f-identity_named");
  var anon = document.getElementById("f-identity_mode");
  var block = document.querySelector(".named-only");
  // A block holding an error message stays visible, or the message would point at nothing.
  function syncIdentity() {
    if (block && named) { block.hidden = !named.checked && !block.querySelector(".field-error"); }
  }
  if (named && anon) {
    named.addEventListener("change", syncIdentity);
    anon.addEventListener("change", syncIdentity);
    syncIdentity();
  }
  // The 7-day warning as soon as the date is chosen (the server shows it again on the receipt).
  var known = document.getElementById("f-known_date");
  var late = document.querySelector(".js-late");
  function syncLate() {
    if (!known || !late || !known.value) { if (late) { late.hidden = true; } return; }
    var today = new Date(known.getAttribute("data-today") + "T00:00:00Z");
    var chosen = new Date(known.value + "T00:00:00Z");
    late.hidden = !((today - chosen) / 86400000 > 7);
  }
  if (known) { known.addEventListener("change", syncLate); known.addEventListener("input", syncLate); syncLate(); }
  // Too-large files are refused by the server with everything typed lost (the request is cut
  // off); say so as soon as they are chosen.
  document.querySelectorAll("input[type=file][data-max-file]").forEach(function (input) {
    var warn = input.form && input.form.querySelector(".js-size");
    input.addEventListener("change", function () {
      var max = Number(input.getAttribute("data-max-file"));
      var maxTotal = Number(input.getAttribute("data-max-total"));
      var total = 0, tooBig = false;
      Array.prototype.forEach.call(input.files || [], function (f) { total += f.size; if (f.size > max) { tooBig = true; } });
      if (warn) { warn.hidden = !(tooBig || total > maxTotal); }
    });
  });
  // Digits 13-14 of an 18-digit number against the employee type (a warning only; the server
  // shows the same one when the form comes back, and staff see it on the case).
  var asn = document.getElementById("f-asn_id");
  var type = document.getElementById("f-employee_type");
  function syncType() {
    var d = asn.value.replace(/[\s.\-]/g, "");
    var code = /^[0-9]{18}$/.test(d) ? Number(d.slice(12, 14)) : 0;
    var looks = code >= 21 ? "pppk" : (code >= 1 && code <= 12 ? "pns" : "");
    var chosen = type.value;
    var clash = (looks === "pppk" && (chosen === "PNS" || chosen === "CPNS")) || (looks === "pns" && chosen === "PPPK");
    document.querySelectorAll(".js-type").forEach(function (p) {
      p.hidden = !(clash && p.getAttribute("data-looks") === looks);
    });
  }
  if (asn && type) {
    asn.addEventListener("input", syncType);
    type.addEventListener("change", syncType);
  }
  // The violation list follows the election stage and type: rows that do not fit move into the
  // folded "other kinds" list, and back when the choice changes (a ticked row stays put).
  var stageSel = document.getElementById("f-election_stage");
  var typeSel = document.getElementById("f-election_type");
  var outsideBox = document.querySelector(".voutside");
  function listed(list, value) { return !value || list === "all" || list.split("|").indexOf(value) >= 0; }
  function place(c, box) {
    var n = Number(c.getAttribute("data-order"));
    var next = null;
    box.querySelectorAll(".choice").forEach(function (o) {
      if (!next && Number(o.getAttribute("data-order")) > n) { next = o; }
    });
    box.insertBefore(c, next);
  }
  function syncViolations() {
    var opt = typeSel.options[typeSel.selectedIndex];
    var family = (opt && opt.getAttribute("data-family")) || "";
    var outside = outsideBox.querySelector(".vgroup");
    document.querySelectorAll(".violations .choice").forEach(function (c) {
      var fits = listed(c.getAttribute("data-stages"), stageSel.value) && listed(c.getAttribute("data-elections"), family);
      var home = document.querySelector('.violations .vgroup[data-group="' + c.getAttribute("data-group") + '"]');
      var box = (fits || c.querySelector("input").checked) && home ? home : outside;
      if (c.parentNode !== box) { place(c, box); }
    });
    document.querySelectorAll(".violations .vgroup").forEach(function (g) {
      if (g !== outside) { g.hidden = !g.querySelector(".choice"); }
    });
    outsideBox.hidden = !outside.querySelector(".choice");
  }
  if (stageSel && typeSel && outsideBox) {
    stageSel.addEventListener("change", syncViolations);
    typeSel.addEventListener("change", syncViolations);
  }
  // A second click on a submit button while the first is on its way does nothing (the server
  // also recognises a resubmitted form, this only saves the wait).
  document.querySelectorAll("form").forEach(function (f) {
    f.addEventListener("submit", function () {
      var b = f.querySelector("[data-once]");
      if (b) { setTimeout(function () { b.disabled = true; }, 0); }
    });
  });
})();
