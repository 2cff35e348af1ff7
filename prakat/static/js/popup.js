// The home page's announcement opens once a day for each visitor: closing it (the button or
// Escape) remembers today in a cookie, and it stays closed until tomorrow, or until a new
// announcement (another name) is put up.
(function () {
  "use strict";
  var dialog = document.querySelector("dialog.popup");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var today = new Date();
  var stamp = dialog.dataset.popup + ":" + today.getFullYear() + "-" + (today.getMonth() + 1) + "-" + today.getDate();
  var seen = document.cookie.split("; ").some(function (part) {
    return part === "prakat_popup=" + encodeURIComponent(stamp);
  });
  if (seen) return;
  dialog.addEventListener("close", function () {
    document.cookie = "prakat_popup=" + encodeURIComponent(stamp) + "; path=/; max-age=86400; SameSite=Lax";
  });
  dialog.querySelector(".popup-close").addEventListener("click", function () {
    dialog.close();
  });
  dialog.showModal();
  dialog.querySelector(".popup-close").focus();
})();
