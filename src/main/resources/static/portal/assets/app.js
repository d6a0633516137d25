// Gatehouse portal: the only script, loaded from our own origin (CSP script-src 'self').
// Shows every <time datetime="…"> in the reader's time zone; the UTC value stays in the title.
(function () {
  "use strict";
  function localise() {
    var fmt;
    try {
      fmt = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
        { dateStyle: "medium", timeStyle: "medium" });
    } catch (e) {
      return;
    }
    document.querySelectorAll("time[datetime]").forEach(function (el) {
      var d = new Date(el.getAttribute("datetime"));
      if (!isNaN(d.getTime())) {
        el.title = el.getAttribute("datetime") + " (UTC)";
        el.textContent = fmt.format(d);
      }
    });
  }
  // Buttons that change something for good ask first.
  function confirmations() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    localise();
    confirmations();
  });
})();
