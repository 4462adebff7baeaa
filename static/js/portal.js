// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so keyboard and screen-reader users hear it first.
  var summary = document.getElementById("error-summary");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
  liveCostTotal();
  scrollHints();
});

// A table wider than its region slides sideways. On a phone the hint above it always shows
// (CSS); on a wider screen only when this table does not fit, so the words are never wrong.
function scrollHints() {
  var hints = document.querySelectorAll(".portal-scroll-hint");
  if (!hints.length) return;
  function update() {
    hints.forEach(function (hint) {
      var region = hint.nextElementSibling;
      var wide = region && region.scrollWidth > region.clientWidth + 1;
      hint.classList.toggle("portal-scroll-hint--shown", !!wide);
    });
  }
  update();
  window.addEventListener("resize", update);
}

// The money step: the total of the costs while you type. The server works out the same
// total ("Work out the total" and on every save); this only saves a round trip.
function liveCostTotal() {
  var table = document.querySelector("[data-costs]");
  var output = document.querySelector("[data-cost-total]");
  if (!table || !output) return;
  var dutch = (document.documentElement.lang || "nl").slice(0, 2) === "nl";
  function parse(text) {
    text = (text || "").replace(/[€\s\u00a0]|EUR/gi, "");
    if (!text) return null;
    if (dutch) {
      if (/^\d{1,3}(\.\d{3})*(,\d+)?$/.test(text) || /^\d+(,\d+)?$/.test(text)) {
        text = text.replace(/\./g, "").replace(",", ".");
      } else if (!/^\d+\.\d{1,2}$/.test(text)) {
        return NaN;
      }
    } else {
      if (!/^\d{1,3}(,\d{3})*(\.\d+)?$/.test(text) && !/^\d+(\.\d+)?$/.test(text)) return NaN;
      text = text.replace(/,/g, "");
    }
    return Math.round(parseFloat(text) * 100);
  }
  var format = new Intl.NumberFormat(dutch ? "nl-NL" : "en-GB", { style: "currency", currency: "EUR" });
  function update() {
    var cents = 0;
    var ok = true;
    table.querySelectorAll("input[data-cost='amount']").forEach(function (input) {
      var value = parse(input.value);
      if (value === null) return;
      if (isNaN(value)) ok = false; else cents += value;
    });
    if (ok) output.textContent = format.format(cents / 100);
  }
  table.addEventListener("input", update);
}

// DigiD sessions end after some minutes without activity. The page says so without
// JavaScript (the notice and its "I am still here" button); this opens a dialog a few
// minutes before, whose button keeps the session without leaving the page.
document.addEventListener("DOMContentLoaded", function () {
  var notice = document.querySelector("[data-idle-ends]");
  var dialog = document.querySelector("[data-idle-dialog]");
  var form = document.querySelector("[data-keep-alive]");
  if (!notice || !dialog || !form || typeof dialog.showModal !== "function") return;
  var warning = parseInt(notice.getAttribute("data-idle-warning"), 10) || 180;
  var timer = null;
  var endTimer = null;
  function schedule(seconds) {
    clearTimeout(timer);
    clearTimeout(endTimer);
    timer = setTimeout(function () { dialog.showModal(); }, Math.max(0, seconds - warning) * 1000);
    // A little after the end, so the server (which counts whole seconds) has surely ended it.
    endTimer = setTimeout(ended, (seconds + 2) * 1000);
  }
  // The session has ended: say so, and keep the page, so what was typed can still be sent
  // (the server keeps a form sent after the end for the same person, oidc/middleware.py).
  function ended() {
    clearTimeout(timer);
    dialog.querySelector("[data-idle-before]").hidden = true;
    dialog.querySelector("[data-idle-after]").hidden = false;
    dialog.setAttribute("aria-labelledby", "idle-dialog-ended");
    if (!dialog.open) dialog.showModal();
    dialog.querySelector("[data-idle-close]").focus();
  }
  schedule(parseInt(notice.getAttribute("data-idle-ends"), 10) || 0);
  dialog.querySelector("[data-idle-close]").addEventListener("click", function () {
    dialog.close();
  });
  dialog.querySelector("[data-idle-stay]").addEventListener("click", function () {
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      if (response.status === 401) { ended(); return null; }
      if (!response.ok) { window.location.reload(); return null; }
      return response.json();
    }).then(function (data) {
      if (!data) return;
      dialog.close();
      if (data.ends_in) schedule(data.ends_in);
    }).catch(ended);
  });
});
