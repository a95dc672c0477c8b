/* The big screen reloads itself (keeping ?as_of= and ?campaign=) so the room always sees today's figures. */
(function () {
  "use strict";
  var seconds = Number(document.body.dataset.refreshSeconds) || 300;
  var stamp = document.getElementById("refreshed-at");
  if (stamp) {
    var now = new Date();
    stamp.textContent = "（" + String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0") + " 更新）";
  }
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
