// Keyhaven console: the only script, served from this server (the CSP forbids inline script).
// - a file input with data-fill="ID" loads the chosen file's text into the textarea ID;
// - a select with data-autosubmit submits its form when changed;
// - a form with data-confirm="TEXT" asks before submitting.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[type=file][data-fill]").forEach(function (input) {
    input.addEventListener("change", function () {
      var target = document.getElementById(input.dataset.fill);
      var file = input.files && input.files[0];
      if (!target || !file) { return; }
      if (file.size > 64 * 1024) { alert("This file is too large to be a certificate or CSR."); return; }
      file.text().then(function (text) { target.value = text; });
    });
  });
  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    sel.addEventListener("change", function () { if (sel.form) { sel.form.submit(); } });
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      var text = form.dataset.confirm;
      if (text && !window.confirm(text)) { ev.preventDefault(); }
    });
  });
});
