/* The menu button of small screens: folds the navigation and the logout in and out. */
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("menuButton");
  var menu = document.getElementById("menu");
  if (!button || !menu) {
    return;
  }
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("jm-menu-open", open);
  });
});

/*
 * A refused form comes back as a new page whose messages sit at the top of the content, under the
 * header and any banners: on a phone they can be below the fold while the person looks at the
 * button they pressed. Bring the first error into view and give it the focus, so it is both seen
 * and read out by a screen reader.
 */
document.addEventListener("DOMContentLoaded", function () {
  var region = document.getElementById("messagesRegion");
  if (!region || !region.querySelector(".jm-message-error")) {
    return;
  }
  region.setAttribute("tabindex", "-1");
  region.focus({ preventScroll: true });
  region.scrollIntoView({ block: "start" });
});
