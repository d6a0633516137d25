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
  // A SageConnect run's page follows the run live: its steps arrive as Server-Sent Events from
  // the page's own origin (data-events), each replacing or adding its row; the "run" event ends it.
  function liveRun() {
    var card = document.querySelector("[data-events]");
    if (!card || typeof EventSource === "undefined") {
      return;
    }
    var body = card.querySelector("#run-steps tbody");
    var live = card.querySelector("#run-live");
    var status = card.querySelector("#run-status");
    function label(s) {
      return card.getAttribute("data-label-" + s) || s;
    }
    function badge(s) {
      if (s === "succeeded") { return "badge allow"; }
      if (s === "queued" || s === "running" || s === "skipped") { return "badge wait"; }
      return "badge deny";
    }
    function duration(ms) {
      if (ms === null || ms === undefined) { return ""; }
      if (ms < 1000) { return ms + " ms"; }
      if (ms < 60000) { return (ms / 1000).toFixed(1) + " s"; }
      var s = Math.floor(ms / 1000);
      return Math.floor(s / 60) + " min " + String(s % 60).padStart(2, "0") + " s";
    }
    function cell(row, i) {
      while (row.cells.length <= i) { row.insertCell(); }
      return row.cells[i];
    }
    function setStatus(el, s) {
      el.className = badge(s);
      el.setAttribute("data-status", s);
      el.textContent = label(s);
    }
    function step(data) {
      var row = null;
      body.querySelectorAll("tr[data-step]").forEach(function (r) {
        if (r.getAttribute("data-step") === data.name) { row = r; }
      });
      if (!row) {
        row = body.insertRow();
        row.setAttribute("data-step", data.name);
        var code = document.createElement("code");
        code.textContent = data.name;
        cell(row, 0).appendChild(code);
        var span = document.createElement("span");
        cell(row, 1).appendChild(span);
        var summary = document.createElement("code");
        summary.className = "summary";
        cell(row, 3).appendChild(summary);
        cell(row, 4);
      }
      setStatus(row.cells[1].querySelector("span"), data.status);
      row.cells[2].textContent = duration(data.duration_ms);
      row.cells[3].querySelector("code").textContent = data.summary ? JSON.stringify(data.summary) : "";
      row.cells[4].textContent = data.error || "";
    }
    var source = new EventSource(card.getAttribute("data-events"));
    var ended = false;
    var received = 0;
    source.addEventListener("step", function (e) {
      step(JSON.parse(e.data));
      received += 1;
      card.setAttribute("data-received", String(received));
    });
    source.addEventListener("run", function (e) {
      var run = JSON.parse(e.data);
      ended = true;
      source.close();
      setStatus(status, run.status);
      var end = card.querySelector("#run-ended");
      if (end && run.ended_at) {
        var t = document.createElement("time");
        t.setAttribute("datetime", run.ended_at);
        t.textContent = run.ended_at;
        end.textContent = "";
        end.appendChild(t);
        localise();
      }
      card.removeAttribute("data-events");
      live.textContent = "";
    });
    source.addEventListener("error", function () {
      if (!ended && source.readyState === EventSource.CLOSED) {
        live.textContent = label("lost");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    localise();
    confirmations();
    copyButtons();
    providerSettings();
    liveRun();
  });
})();
