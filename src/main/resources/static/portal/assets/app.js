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
  // Copy buttons next to read-only fields (records to create, secrets shown once). Hidden without script.
  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field) {
        return;
      }
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        function done() {
          button.textContent = button.getAttribute("data-copied") || label;
          window.setTimeout(function () { button.textContent = label; }, 2000);
        }
        field.select();
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, function () {
            if (document.execCommand("copy")) { done(); }
          });
        } else if (document.execCommand("copy")) {
          done();
        }
      });
    });
  }
  // The DNS credential form shows only the chosen provider's settings. Without script it shows both
  // and the server ignores the other provider's fields.
  function providerSettings() {
    document.querySelectorAll("form").forEach(function (form) {
      var sets = form.querySelectorAll("fieldset[data-provider]");
      var choices = form.querySelectorAll("input[type=radio][name=provider]");
      if (!sets.length || !choices.length) {
        return;
      }
      function show() {
        var chosen = form.querySelector("input[type=radio][name=provider]:checked");
        sets.forEach(function (set) {
          set.hidden = chosen !== null && set.getAttribute("data-provider") !== chosen.value;
        });
      }
      choices.forEach(function (choice) {
        choice.addEventListener("change", show);
      });
      show();
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    localise();
    confirmations();
    copyButtons();
    providerSettings();
  });
})();
