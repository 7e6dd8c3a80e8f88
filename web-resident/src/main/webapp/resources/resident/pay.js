/*
 * The resident's pay pages (#10 item 4), a file because the CSP allows no inline script:
 *  - scan page: the camera is web-common's jimoto/qr-camera.js;
 *  - pay page: the completion screen's live clock (Asia/Tokyo, every second), so that a screenshot
 *    of an earlier payment cannot pass for a fresh one.
 */
(function () {
  "use strict";

  function byId(id) {
    return document.getElementById(id);
  }

  // ---------------------------------------------------------------- live clock

  function tick() {
    var clock = byId("liveClock");
    if (!clock) {
      return;
    }
    var text;
    try {
      text = new Intl.DateTimeFormat("ja-JP", {
        timeZone: clock.getAttribute("data-zone") || "Asia/Tokyo",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23"
      }).format(new Date());
    } catch (e) {
      text = new Date().toTimeString().substring(0, 8);
    }
    clock.textContent = text;
  }

  document.addEventListener("DOMContentLoaded", function () {
    tick();
    window.setInterval(tick, 1000);
  });
})();
