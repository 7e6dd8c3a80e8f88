/*
 * My QR code (#10 item 5, R-31): shows how long the code is still valid and, shortly before it
 * expires, presses "new code" so that the code on screen is always one the register accepts. The
 * time left is counted from the server's clock (data-now), not the phone's, which may be off.
 */
(function () {
  "use strict";

  /** Renew this long before the expiry: a code read just before it expires still pays. */
  var RENEW_BEFORE_MILLIS = 20000;
  var renewing = false;

  function tick(offset) {
    var validity = document.getElementById("qrValidity");
    var left = document.getElementById("qrLeft");
    if (!validity || !left || renewing) {
      return;
    }
    var expires = Number(validity.getAttribute("data-expires"));
    var remaining = expires - (Date.now() + offset);
    if (remaining <= RENEW_BEFORE_MILLIS) {
      var renew = document.getElementById("qrForm:renew");
      if (renew) {
        renewing = true;
        left.textContent = validity.getAttribute("data-renewing");
        renew.click();
      }
      return;
    }
    var seconds = Math.floor(remaining / 1000);
    var text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    left.textContent = validity.getAttribute("data-left").replace("{0}", text);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var validity = document.getElementById("qrValidity");
    if (!validity) {
      return;
    }
    var offset = Number(validity.getAttribute("data-now")) - Date.now();
    tick(offset);
    window.setInterval(function () {
      tick(offset);
    }, 1000);
  });
})();
