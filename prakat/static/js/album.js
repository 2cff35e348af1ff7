// An item's photo album: each thumbnail opens its photo in a dialog, with the previous and
// next photos a button or arrow key away; Escape or "close" returns to the thumbnail.
// Without this script each thumbnail is a plain link to its photo.
(function () {
  "use strict";
  document.querySelectorAll(".album").forEach(function (album) {
    var links = Array.prototype.slice.call(album.querySelectorAll(".album-link"));
    var dialog = album.querySelector(".lightbox");
    if (!links.length || !dialog || typeof dialog.showModal !== "function") return;
    var picture = dialog.querySelector("img");
    var caption = dialog.querySelector("figcaption");
    var current = 0;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumbnail = link.querySelector("img");
      picture.src = link.href;
      picture.alt = thumbnail ? thumbnail.alt : "";
      caption.textContent = [picture.alt, link.dataset.credit].filter(Boolean).join(" — ");
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        show(index);
        dialog.showModal();
        dialog.querySelector(".lightbox-close").focus();
      });
    });
    dialog.querySelectorAll("[data-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        show(current + Number(button.dataset.step));
      });
    });
    dialog.querySelector(".lightbox-close").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") show(current + 1);
      if (event.key === "ArrowLeft") show(current - 1);
    });
    dialog.addEventListener("close", function () {
      links[current].focus();
    });
  });
})();
