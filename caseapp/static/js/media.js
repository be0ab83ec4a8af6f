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
  // "heard at 0:01:02–0:01:10": play the recording on this page from there (the link alone opens the file there)
  var player = document.querySelector("#media audio, #media video");
  document.querySelectorAll("a[data-seek]").forEach(function (link) {
    if (!player) { return; }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      player.currentTime = parseFloat(link.getAttribute("data-seek")) || 0;
      player.scrollIntoView({block: "center"});
      player.play();
    });
  });
})();
