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
