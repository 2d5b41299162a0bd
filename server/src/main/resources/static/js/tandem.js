// Tandem's small script: every page works without it; it adds the CSRF header to htmx requests,
// keeps deadline countdowns current and shows upload progress. No inline script: the pages'
// Content-Security-Policy allows scripts from this origin only.
(function () {
  "use strict";

  function csrf() {
    var h = document.querySelector('meta[name="csrf-header"]');
    var t = document.querySelector('meta[name="csrf-token"]');
    return h && t ? { header: h.content, token: t.content } : null;
  }

  document.addEventListener("htmx:configRequest", function (e) {
    var c = csrf();
    if (c) { e.detail.headers[c.header] = c.token; }
  });

  // A form refused for its content (422) or the item's state (409) answers with the page and the
  // message naming the field: htmx swaps it in like a success, so the message shows in place.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var s = e.detail.xhr.status;
    if (s === 422 || s === 409) { e.detail.shouldSwap = true; e.detail.isError = false; }
  });

  // <time data-countdown datetime="RFC 3339"> shows "in 3 h 20 min" / "4 h ago" beside the time.
  function span(ms) {
    var minutes = Math.floor(Math.abs(ms) / 60000);
    if (minutes < 1) { return "less than a minute"; }
    var days = Math.floor(minutes / 1440), hours = Math.floor(minutes / 60) % 24, mins = minutes % 60;
    if (days > 0) { return days + " d " + hours + " h"; }
    return hours > 0 ? hours + " h " + mins + " min" : mins + " min";
  }
  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var at = Date.parse(el.getAttribute("data-countdown"));
      if (isNaN(at)) { return; }
      var ms = at - Date.now();
      el.textContent = ms < 0 ? span(ms) + " overdue" : "in " + span(ms);
      el.classList.toggle("missed", ms < 0);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 30000); });
  document.addEventListener("htmx:afterSettle", tick);

  // <form data-upload>: the same multipart POST the form makes without script, sent with
  // XMLHttpRequest to show its progress. Success follows the server's redirect; a refusal (the
  // form again, with its message) replaces the page's <main> with the answer's, as a plain post
  // would have shown it, and moves focus to the message.
  function showAnswer(form, xhr, status) {
    var fresh = null;
    if ((xhr.getResponseHeader("Content-Type") || "").indexOf("text/html") === 0) {
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      fresh = doc.getElementById("main");
      if (fresh && doc.title) { document.title = doc.title; }
    }
    var main = document.getElementById("main");
    if (!fresh || !main) {
      if (status) { status.textContent = "The upload was refused (HTTP " + xhr.status + "); nothing was stored."; }
      return;
    }
    var node = document.importNode(fresh, true);
    main.replaceWith(node);
    if (window.htmx) { window.htmx.process(node); }
    var alert = node.querySelector("[role=alert]");
    if (alert) { alert.setAttribute("tabindex", "-1"); alert.focus(); }
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-upload")
        || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) { return; }
    var box = form.querySelector("[data-upload-progress]");
    var bar = box ? box.querySelector("progress") : null;
    var status = form.querySelector("[data-upload-status]");
    var button = form.querySelector("button[type=submit]");
    if (!bar) { return; }
    e.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    var c = csrf();
    if (c) { xhr.setRequestHeader(c.header, c.token); }
    xhr.setRequestHeader("Accept", "text/html");
    box.hidden = false;
    bar.value = 0;
    if (button) { button.disabled = true; }
    if (status) { status.textContent = "Uploading…"; }
    xhr.upload.addEventListener("progress", function (p) {
      if (!p.lengthComputable) { return; }
      bar.max = p.total;
      bar.value = p.loaded;
      if (status) { status.textContent = "Uploaded " + Math.floor(100 * p.loaded / p.total) + " %"; }
    });
    xhr.upload.addEventListener("load", function () {
      if (status) { status.textContent = "Uploaded; the server is recording it…"; }
    });
    xhr.addEventListener("load", function () {
      if (xhr.status < 400 && xhr.responseURL) { window.location.assign(xhr.responseURL); return; }
      if (button) { button.disabled = false; }
      box.hidden = true;
      showAnswer(form, xhr, status);
    });
    xhr.addEventListener("error", function () {
      if (button) { button.disabled = false; }
      box.hidden = true;
      if (status) { status.textContent = "The upload failed: the connection was lost. Nothing was stored; try again."; }
    });
    xhr.send(new FormData(form));
  });
})();
