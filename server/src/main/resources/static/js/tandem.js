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

  // <form data-upload>: send the file with XMLHttpRequest to show progress, then follow the answer.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.hasAttribute || !form.hasAttribute("data-upload") || !window.XMLHttpRequest) { return; }
    var bar = form.querySelector("progress");
    var status = form.querySelector("[data-upload-status]");
    if (!bar) { return; }
    e.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    var c = csrf();
    if (c) { xhr.setRequestHeader(c.header, c.token); }
    xhr.setRequestHeader("Accept", "text/html");
    bar.hidden = false;
    xhr.upload.addEventListener("progress", function (p) {
      if (p.lengthComputable) {
        bar.max = p.total; bar.value = p.loaded;
        if (status) { status.textContent = "Uploaded " + Math.round(100 * p.loaded / p.total) + " %"; }
      }
    });
    xhr.addEventListener("load", function () {
      if (xhr.responseURL && xhr.status < 400) { window.location.assign(xhr.responseURL); return; }
      document.open(); document.write(xhr.responseText); document.close();
    });
    xhr.addEventListener("error", function () {
      if (status) { status.textContent = "The upload failed: the connection was lost. Nothing was stored; try again."; }
    });
    xhr.send(new FormData(form));
  });
})();
