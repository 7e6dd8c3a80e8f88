/*
 * The QR camera that the resident's scan page (#10 item 4) and the shop's register (#9 item 3)
 * share, a file because the CSP allows no inline script. It reads a QR code with the camera
 * (html5-qrcode from its WebJar, loaded on first use; the browser's BarcodeDetector where there is
 * one) and hands what it read to the server as if typed: it fills the field named by the start
 * button's data-field and clicks the button named by its data-submit.
 *
 * The page has: button#cameraStart (data-library, data-starting, data-unavailable, data-field,
 * data-submit), button#cameraStop, div#camera and p#cameraStatus.
 */
(function () {
  "use strict";

  var scanner = null;
  var fieldId = null;

  function byId(id) {
    return document.getElementById(id);
  }

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
    ["camera", "cameraStop"].forEach(function (id) {
      if (byId(id)) {
        byId(id).hidden = true;
      }
    });
    if (byId("cameraStart")) {
      byId("cameraStart").hidden = false;
    }
  }

  function startCamera() {
    var start = byId("cameraStart");
    var unavailable = start.getAttribute("data-unavailable");
    fieldId = start.getAttribute("data-field");
    var submitId = start.getAttribute("data-submit");
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
            var field = byId(fieldId);
            stopCamera();
            cameraStatus("");
            if (field) {
              field.value = text;
              byId(submitId).click();
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

  // Leaving the page, or a partial update that removed the field (the payer was read), releases
  // the camera.
  window.addEventListener("pagehide", stopCamera);
  document.addEventListener("DOMContentLoaded", function () {
    if (window.MutationObserver) {
      new MutationObserver(function () {
        if (scanner && fieldId && !byId(fieldId)) {
          stopCamera();
        }
      }).observe(document.body, { childList: true, subtree: true });
    }
  });
})();
