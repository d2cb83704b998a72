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
  // A second click on a submit button while the first is on its way does nothing (the server
  // also recognises a resubmitted form, this only saves the wait).
  document.querySelectorAll("form").forEach(function (f) {
    f.addEventListener("submit", function () {
      var b = f.querySelector("[data-once]");
      if (b) { setTimeout(function () { b.disabled = true; }, 0); }
    });
  });
})();
