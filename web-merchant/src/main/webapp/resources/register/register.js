/*
 * The register screen and its live feed. A file of the app: the CSP allows no inline
 * script. Nothing here decides anything about money; it only
 *  - keeps the focus where the clerk types next (a USB scanner types into the focused field and
 *    ends with Enter, which submits the form),
 *  - (the camera that reads a QR code into the field is web-common's jimoto/qr-camera.js),
 *  - chimes when the feed, pushed over the Faces websocket, shows a new payment.
 */
(function () {
  "use strict";

  function byId(id) {
    return document.getElementById(id);
  }

  // ---------------------------------------------------------------- focus after every step

  function focusNextField() {
    var active = document.activeElement;
    var panel = byId("registerPanel");
    if (!panel) {
      return;
    }
    if (active && active !== document.body && document.contains(active) && active.tagName !== "BUTTON") {
      return; // the clerk is typing somewhere
    }
    var next = panel.querySelector("[data-autofocus='true']");
    if (next) {
      next.focus();
    }
  }

  // ---------------------------------------------------------------- the chime

  var SOUND_KEY = "jimoto.register.sound";
  var chime = null;

  function soundOn() {
    try {
      return window.localStorage.getItem(SOUND_KEY) !== "off";
    } catch (e) {
      return true;
    }
  }

  function showSoundState() {
    var toggle = byId("soundToggle");
    if (!toggle) {
      return;
    }
    var on = soundOn();
    toggle.setAttribute("aria-pressed", String(on));
    toggle.textContent = on ? toggle.getAttribute("data-on") : toggle.getAttribute("data-off");
  }

  function playChime() {
    var toggle = byId("soundToggle");
    if (!toggle || !soundOn()) {
      return;
    }
    if (!chime) {
      chime = new Audio(toggle.getAttribute("data-chime"));
    }
    chime.currentTime = 0;
    var played = chime.play();
    var done = function () {
      document.body.setAttribute("data-chimes", String(Number(document.body.getAttribute("data-chimes") || 0) + 1));
      byId("soundStatus").textContent = "";
    };
    if (played && played.then) {
      played.then(done, function () {
        // No tap on this page yet: browsers keep a page silent until the user has touched it.
        byId("soundStatus").textContent = toggle.getAttribute("data-blocked");
        document.body.setAttribute("data-chime-blocked", "true");
      });
    } else {
      done();
    }
  }

  var latest = null;

  function feedChanged() {
    var feed = byId("feedForm:feed");
    if (!feed) {
      return;
    }
    var now = feed.getAttribute("data-latest") || "";
    // The till's own payment is on its big result already: only others' payments chime.
    if (latest !== null && now !== "" && now !== latest && feed.getAttribute("data-latest-own") !== "true") {
      playChime();
    }
    latest = now;
  }

  // ---------------------------------------------------------------- wiring

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button") : null;
    if (!target) {
      return;
    }
    if (target.id === "soundToggle") {
      try {
        window.localStorage.setItem(SOUND_KEY, soundOn() ? "off" : "on");
      } catch (e) {
        // private mode: the setting lasts for this page only
      }
      showSoundState();
      byId("soundStatus").textContent = "";
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    showSoundState();
    feedChanged();
    focusNextField();
    var till = document.querySelector(".jm-till");
    if (till && window.MutationObserver) {
      new MutationObserver(focusNextField).observe(till, { childList: true, subtree: true });
    }
    var feedForm = byId("feedForm");
    if (feedForm && window.MutationObserver) {
      new MutationObserver(feedChanged).observe(feedForm, { childList: true, subtree: true, attributes: true });
    }
  });
})();
