// Zoom a photo on the source page: fitted to the page, or at the preview's full size in a scrolling frame.
// Without JavaScript the picture still opens on its own from the link below it.
(function () {
  "use strict";
  document.querySelectorAll("[data-zoom]").forEach(function (figure) {
    var button = figure.querySelector("[data-zoom-toggle]");
    var image = figure.querySelector("img");
    if (!button || !image) { return; }
    var zoomIn = button.textContent;
    var zoomOut = button.getAttribute("data-zoom-out") || zoomIn;
    button.hidden = false;
    function toggle() {
      var zoomed = figure.classList.toggle("zoomed");
      button.setAttribute("aria-pressed", zoomed ? "true" : "false");
      button.textContent = zoomed ? zoomOut : zoomIn;
    }
    button.addEventListener("click", toggle);
    image.addEventListener("click", toggle);
  });
})();
