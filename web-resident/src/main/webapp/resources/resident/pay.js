/*
 * The resident's pay pages (#10 item 4), a file because the CSP allows no inline script:
 *  - scan page: reads the store QR code with the camera (html5-qrcode from its WebJar, loaded on
 *    first use; it uses the browser's BarcodeDetector where there is one) and sends what it read
 *    to the server, as if typed into the code field;
 *  - pay page: the completion screen's live clock (Asia/Tokyo, every second), so that a screenshot
 *    of an earlier payment cannot pass for a fresh one.
 */
(function () {
  "use strict";

  var scanner = null;

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

  // ---------------------------------------------------------------- camera

  function cameraStatus(text) {
    var status = byId("cameraStatus");
    if (status) {
      status.textContent = text;
    }
  }

  function loadLibrary(src, then, failed) {
    if (window.__Html5QrcodeLibrary__) {
      then();
      return;
    }
    var script = document.createElement("script");
    script.src = src;
    script.onload = then;
    script.onerror = failed;
    document.head.appendChild(script);
  }

  function stopCamera() {
    var running = scanner;
    scanner = null;
    if (running) {
      running.stop().catch(function () {}).then(function () {
        running.clear();
      });
    }
    if (byId("camera")) {
      byId("camera").hidden = true;
    }
    if (byId("cameraStop")) {
      byId("cameraStop").hidden = true;
    }
    if (byId("cameraStart")) {
      byId("cameraStart").hidden = false;
    }
  }

  function startCamera() {
    var start = byId("cameraStart");
    var unavailable = start.getAttribute("data-unavailable");
    cameraStatus(start.getAttribute("data-starting"));
    loadLibrary(
      start.getAttribute("data-library"),
      function () {
        var lib = window.__Html5QrcodeLibrary__;
        byId("camera").hidden = false;
        scanner = new lib.Html5Qrcode("camera", {
          formatsToSupport: [lib.Html5QrcodeSupportedFormats.QR_CODE],
          experimentalFeatures: { useBarCodeDetectorIfSupported: true },
          verbose: false
        });
        scanner
          .start({ facingMode: "environment" }, { fps: 10, qrbox: 240 }, function (text) {
            var field = byId("codeForm:input");
            stopCamera();
            cameraStatus("");
            if (field) {
              field.value = text;
              byId("codeForm:go").click();
            }
          })
          .then(function () {
            cameraStatus("");
            start.hidden = true;
            byId("cameraStop").hidden = false;
          })
          .catch(function () {
            stopCamera();
            cameraStatus(unavailable);
          });
      },
      function () {
        cameraStatus(unavailable);
      }
    );
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button") : null;
    if (!target) {
      return;
    }
    if (target.id === "cameraStart") {
      startCamera();
    } else if (target.id === "cameraStop") {
      stopCamera();
      cameraStatus("");
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    tick();
    window.setInterval(tick, 1000);
  });
})();
