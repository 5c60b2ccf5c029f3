// Forms, made easier where JavaScript runs (every form works without it; the server decides the
// same things when the form comes back):
// - a page sent back with errors: the focus moves to its error summary, and each of the summary's
//   links focuses the field it names (a fragment link alone scrolls there but may leave the focus);
// - a referral's guardian section opens for a party under 18, and goes away for an adult;
// - an agreement's commitment shows the amount fields only for a payment;
// - a choice between answer forms ([data-choose-form]) shows only the form chosen.
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
      if (!link) { return; }
      var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!field) { return; }
      event.preventDefault();
      var details = field.closest("details");
      if (details) { details.open = true; details.hidden = false; }
      var fieldset = field.closest("fieldset");
      var legend = fieldset && fieldset.querySelector("legend");
      (legend || field).scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
      if (window.history && window.history.replaceState) { window.history.replaceState(null, "", link.getAttribute("href")); }
    });
  }

  function ageOf(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) || /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
    if (!match) { return null; }
    var year, month, day;
    if (match[1].length === 4) { year = +match[1]; month = +match[2]; day = +match[3]; } else { day = +match[1]; month = +match[2]; year = +match[3]; }
    var today = new Date();
    var age = today.getFullYear() - year;
    if (today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day)) { age -= 1; }
    return age;
  }

  function guardians() {
    document.querySelectorAll("[data-guardians]").forEach(function (details) {
      var birth = document.getElementById(details.getAttribute("data-birth-date"));
      if (!birth) { return; }
      function typed() {
        return Array.prototype.some.call(details.querySelectorAll("input"), function (input) { return input.value.trim() !== ""; });
      }
      function update() {
        var age = ageOf(birth.value.trim());
        if (age !== null && age < 18) { details.hidden = false; details.open = true; }
        else if (age !== null && !typed()) { details.hidden = true; }
        else { details.hidden = false; }
      }
      birth.addEventListener("change", update);
      update();
    });
  }

  function moneyFields() {
    document.querySelectorAll("[data-commitment]").forEach(function (row) {
      var kind = row.querySelector("select[name$='-kind']");
      if (!kind) { return; }
      function update() {
        // Hidden and disabled (a disabled input is not sent): the server refuses an amount for anything but a payment.
        var money = kind.value === "payment";
        row.querySelectorAll("[data-money-only]").forEach(function (field) {
          field.hidden = !money;
          field.querySelectorAll("input").forEach(function (input) { input.disabled = !money; });
        });
      }
      kind.addEventListener("change", update);
      update();
    });
  }

  function chooseForm() {
    document.querySelectorAll("[data-choose-form]").forEach(function (chooser) {
      var radios = chooser.querySelectorAll("input[type=radio]");
      function update() {
        radios.forEach(function (radio) {
          var target = document.getElementById(radio.getAttribute("data-target") || radio.value);
          if (target) { target.hidden = !radio.checked; }
        });
      }
      radios.forEach(function (radio) { radio.addEventListener("change", update); });
      chooser.querySelectorAll("[data-choose-submit]").forEach(function (button) { button.hidden = true; });
      update();
    });
  }

  function start() { focusSummary(); guardians(); moneyFields(); chooseForm(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
