// Samverkan's only script: small enhancements; every page works without it (R-Q1).
// Loaded from a file (no inline script), so a strict Content-Security-Policy can forbid inline code.
(function () {
  "use strict";

  // After a failed form, the error summary gets the focus, so keyboard and screen-reader users
  // start at the list of what to fix. Its links move the focus to the field itself and keep
  // the field's label or legend in view.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!field) {
        return;
      }
      event.preventDefault();
      var caption = field.closest("fieldset");
      caption = caption ? caption.querySelector("legend") : document.querySelector("label[for='" + field.id + "']");
      (caption || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
})();
