/* Redline: the promotional call to action can be dismissed, and stays dismissed. */
(function () {
  "use strict";
  var KEY = "redline.promo.dismissed";
  var box = document.querySelector("[data-rl-promo]");
  if (!box) { return; }
  var remembered = false;
  try { remembered = window.localStorage.getItem(KEY) === "1"; } catch (e) { /* storage off */ }
  if (remembered) { box.hidden = true; return; }
  var button = box.querySelector("[data-rl-dismiss]");
  button.hidden = false;
  button.addEventListener("click", function () {
    box.hidden = true;
    try { window.localStorage.setItem(KEY, "1"); } catch (e) { /* storage off */ }
  });
}());
