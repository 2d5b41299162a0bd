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

  // A refused full-page post starts <main> with the error summary (role="alert"): focus moves to it
  // on load, and each of its links moves focus on to the field its message stands beside (the field
  // that names the message in aria-describedby, else the first control of the message's field or
  // form), not only to the message.
  function fieldOf(message) {
    var id = message.id;
    var described = id ? document.querySelector('[aria-describedby~="' + id + '"]') : null;
    if (described) { return described; }
    var box = message.closest(".field, fieldset, form, details, li, section");
    var control = box ? box.querySelector("input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])") : null;
    if (!control && box) {
      var next = message.nextElementSibling;
      control = next ? next.querySelector("input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])") : null;
    }
    return control;
  }
  function reveal(el) {
    for (var d = el.closest("details"); d; d = d.parentElement ? d.parentElement.closest("details") : null) { d.open = true; }
  }
  function focusMessage(message) {
    var field = fieldOf(message);
    reveal(message);
    if (field) { reveal(field); field.focus(); field.scrollIntoView({ block: "center" }); return; }
    if (!message.hasAttribute("tabindex")) { message.setAttribute("tabindex", "-1"); }
    message.focus();
    message.scrollIntoView({ block: "center" });
  }
  document.addEventListener("click", function (e) {
    var link = e.target instanceof Element ? e.target.closest(".error-summary a[href^='#']") : null;
    var message = link ? document.getElementById(link.getAttribute("href").substring(1)) : null;
    if (!message) { return; }
    e.preventDefault();
    focusMessage(message);
  });
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); summary.scrollIntoView({ block: "start" }); }
  });

  // An htmx form refused (422/409) swaps in its fragment with the message: focus moves to the first
  // invalid field in it, else to the message, and scrolls it into view; the button that had focus
  // is gone with the old fragment.
  var refusedSwap = false;
  document.addEventListener("htmx:beforeSwap", function (e) {
    var s = e.detail.xhr.status;
    refusedSwap = s === 422 || s === 409;
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    if (!refusedSwap) { return; }
    refusedSwap = false;
    var target = e.detail.target;
    var scope = target && target.isConnected ? target : (target && target.id ? document.getElementById(target.id) : null);
    if (!scope) { scope = document.getElementById("main"); }
    if (!scope) { return; }
    var invalid = scope.querySelector('[aria-invalid="true"]');
    if (invalid) { reveal(invalid); invalid.focus(); invalid.scrollIntoView({ block: "center" }); return; }
    var message = scope.querySelector(".problem");
    if (message) {
      reveal(message);
      if (!message.hasAttribute("tabindex")) { message.setAttribute("tabindex", "-1"); }
      message.focus();
      message.scrollIntoView({ block: "center" });
    }
  });

  // A one-time form token (web/FormTokens): the page draws a fresh one. A form sent from this page
  // keeps its token in the tab's sessionStorage; when the browser comes back to the page ("back",
  // which may fetch it afresh with a fresh token), the form gets the token it was sent with, so a
  // second submit is sent to what the first created and records nothing. Any other visit to the page
  // keeps the token the server drew (the stored one stays: the page a form leads to may be its own).
  function tokenKey(form) {
    // the upload form's action carries the CSRF token, masked afresh on every page drawn: left out
    var action = (form.getAttribute("action") || "").replace(/([?&])_csrf=[^&#]*&?/, "$1").replace(/[?&]$/, "");
    return "tandem.formToken " + location.pathname + location.search + " " + action;
  }
  var returned = false;
  try {
    var navigation = performance.getEntriesByType("navigation")[0];
    returned = !!navigation && navigation.type === "back_forward";
  } catch (ignored) { returned = false; }
  document.querySelectorAll('input[type=hidden][name="formToken"]').forEach(function (input) {
    if (!input.form) { return; }
    try {
      var sent = sessionStorage.getItem(tokenKey(input.form));
      if (returned && sent) { input.value = sent; }
    } catch (ignored) { /* no storage: the server's token alone */ }
  });
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var input = form instanceof HTMLFormElement ? form.querySelector('input[type=hidden][name="formToken"]') : null;
    if (!input) { return; }
    try { sessionStorage.setItem(tokenKey(form), input.value); } catch (ignored) { /* as above */ }
  }, true);

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
    var alert = node.querySelector("#error-summary") || node.querySelector("[role=alert]");
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
