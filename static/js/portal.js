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

/* Tables marked .table-cards become one card per row on a phone (css/portal.css): each cell
   is labelled with its column's heading, read here from the table's own <thead>. A cell that
   spans several columns (a form row, "没有…") keeps no label. */
(function () {
  "use strict";
  document.querySelectorAll("table.table-cards").forEach(function (table) {
    var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody > tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (!cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", cell.colSpan > 1 ? "" : headings[column] || "");
        }
        column += cell.colSpan;
      });
    });
  });
})();
