// Quote a passage: the selection in the read-only text box fills in the quote and its position.
// Positions are counted in Unicode code points, as the server (Python) counts them; the browser
// counts UTF-16 units, which differ for emoji and other characters outside the basic plane.
(function () {
  "use strict";
  var box = document.getElementById("source-text");
  if (!box) { return; }
  var form = document.getElementById(box.getAttribute("data-quote-target"));
  if (!form) { return; }
  var quote = form.querySelector("[name=quote]");
  var start = form.querySelector("[name=start]");
  var end = form.querySelector("[name=end]");

  function codePoints(text) { return Array.from(text).length; }

  function take() {
    var from = box.selectionStart, to = box.selectionEnd;
    if (from === to) { return; }
    var text = box.value;
    quote.value = text.slice(from, to);
    start.value = codePoints(text.slice(0, from));
    end.value = codePoints(text.slice(0, to));
  }

  ["select", "mouseup", "keyup"].forEach(function (name) { box.addEventListener(name, take); });

  // The box is not read-only, because browsers then stop the keyboard from moving through it and
  // selecting; it only shows the preserved text, so every edit is refused (and undone if one slips by).
  var original = box.value;
  box.addEventListener("beforeinput", function (event) { event.preventDefault(); });
  box.addEventListener("input", function () { box.value = original; });
})();
