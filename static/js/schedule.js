/* The 进度计划 editor: the sum of the weeks typed so far against the 100-day plan, so a
   mismatch shows before saving (the server refuses it anyway). */
(function () {
  "use strict";
  var form = document.querySelector("[data-schedule-form]");
  if (!form) return;
  var total = form.querySelector("[data-schedule-total]");
  var planned = Math.round(parseFloat(form.getAttribute("data-planned")) * 100);

  function cents(text) {
    var value = (text || "").trim();
    if (!value) return 0;
    if (!/^\d+(\.\d{1,2})?$/.test(value)) return NaN;
    return Math.round(parseFloat(value) * 100);
  }

  function update() {
    var sum = 0;
    form.querySelectorAll("[data-week-amount]").forEach(function (field) {
      sum += cents(field.value);
    });
    if (isNaN(sum)) {
      total.textContent = "有不是金额的格子";
      total.className = "text-danger";
      return;
    }
    total.textContent = (sum / 100).toFixed(2);
    total.className = sum === planned ? "text-success" : "text-danger";
  }

  form.addEventListener("input", update);
  update();
})();
