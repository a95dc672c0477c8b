/* Small behaviours shared by the portal's pages, bound by data attributes so that no template
   needs an inline event handler (the CSP allows scripts from 'self' only):
   - <select data-autosubmit> submits its form when the choice changes;
   - <button data-print> opens the browser's print dialog;
   - <button data-confirm="question"> submits its form only once the user confirms;
   - <form data-csrf-at-submit> (inside a fragment cached for every reader) gets this page's
     CSRF token from <meta name="csrf-token"> when it is submitted. */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });

  document.addEventListener("click", function (event) {
    var confirming = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (confirming && !window.confirm(confirming.getAttribute("data-confirm"))) {
      event.preventDefault();
      return;
    }
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-csrf-at-submit")) {
      return;
    }
    var meta = document.querySelector('meta[name="csrf-token"]');
    var field = form.querySelector('input[name="csrfmiddlewaretoken"]');
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "csrfmiddlewaretoken";
      form.appendChild(field);
    }
    field.value = meta ? meta.getAttribute("content") : "";
  });
})();
