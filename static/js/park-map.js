/* The admin places projects on the park plan by dragging their pins; the positions (percent of
   the image) go into the form's hidden fields and are saved with 保存位置. */
(function () {
  "use strict";
  var map = document.querySelector("[data-park-map].placing");
  var form = document.querySelector("[data-pin-form]");
  if (!map || !form) { return; }
  var save = form.querySelector("[data-save-pins]");
  var dragging = null;
  var moved = false;

  function place(pin, event) {
    var box = map.getBoundingClientRect();
    var x = Math.min(100, Math.max(0, (event.clientX - box.left) / box.width * 100));
    var y = Math.min(100, Math.max(0, (event.clientY - box.top) / box.height * 100));
    pin.style.left = x.toFixed(2) + "%";
    pin.style.top = y.toFixed(2) + "%";
    form.querySelector('[data-pin-x="' + pin.dataset.pin + '"]').value = x.toFixed(2);
    form.querySelector('[data-pin-y="' + pin.dataset.pin + '"]').value = y.toFixed(2);
    pin.classList.remove("unplaced");
    save.disabled = false;
  }

  map.querySelectorAll("[data-pin]").forEach(function (pin) {
    pin.addEventListener("pointerdown", function (event) {
      dragging = pin; moved = false;
      pin.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    pin.addEventListener("pointermove", function (event) {
      if (dragging === pin) { moved = true; place(pin, event); }
    });
    pin.addEventListener("pointerup", function () { dragging = null; });
    // while placing, a drag is not a click through to the project page
    pin.addEventListener("click", function (event) { if (moved) { event.preventDefault(); } });
  });
})();
