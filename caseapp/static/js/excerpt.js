// Quote a passage of a source, three ways:
//  - select it in the preserved text: a small action beside the selection quotes it at once in the chosen
//    case, or fills in the form below for a fact, an indicator or a translation;
//  - select it in the text box (the keyboard's way: Tab in, arrows, Shift): the form is filled in;
//  - type it in the form.
// Saving stays on this page: the form is sent in the background and the quotes, the marked text and the
// message are replaced with the server's new ones (without JavaScript the page reloads to the same place).
// Positions are counted in Unicode code points, as the server (Python) counts them; the browser counts
// UTF-16 units, which differ for emoji and other characters outside the basic plane.
(function () {
  "use strict";
  var box = document.getElementById("source-text");
  if (!box) { return; }
  var form = document.getElementById(box.getAttribute("data-quote-target"));
  if (!form) { return; }
  var quote = form.querySelector("[name=quote]");
  var start = form.querySelector("[name=start]");
  var end = form.querySelector("[name=end]");
  var caseField = form.querySelector("[name=case_id]");
  var action = document.getElementById("quote-action");
  var duplicateNote = document.querySelector(".quote-duplicate");

  function codePoints(text) { return Array.from(text).length; }

  function fill(text, from, to) {
    quote.value = text;
    start.value = from;
    end.value = to;
    warnIfQuoted(from, to);
  }

  // --- the warning: this case quotes (part of) this passage already ---------------------------------
  function quotedSpans() {
    var holder = document.getElementById("preserved-text");
    try { return JSON.parse(holder.getAttribute("data-quoted") || "[]"); } catch (error) { return []; }
  }
  function alreadyQuoted(from, to) {
    var chosen = caseField ? String(caseField.value) : "";
    return quotedSpans().some(function (span) {
      return String(span["case"]) === chosen && span.start < to && span.end > from;
    });
  }
  function warnIfQuoted(from, to) {
    var quoted = from < to && alreadyQuoted(from, to);
    if (duplicateNote) { duplicateNote.hidden = !quoted; }
    if (action) { action.querySelector(".quote-action-warning").hidden = !quoted; }
  }
  if (caseField) {
    caseField.addEventListener("change", function () {
      warnIfQuoted(Number(start.value), Number(end.value));
    });
  }

  // --- the text box ------------------------------------------------------------------------------------
  function takeFromBox() {
    var from = box.selectionStart, to = box.selectionEnd;
    if (from === to) { return; }
    var text = box.value;
    fill(text.slice(from, to), codePoints(text.slice(0, from)), codePoints(text.slice(0, to)));
  }
  ["select", "mouseup", "keyup"].forEach(function (name) { box.addEventListener(name, takeFromBox); });

  // The box is not read-only, because browsers then stop the keyboard from moving through it and
  // selecting; it only shows the preserved text, so every edit is refused (and undone if one slips by).
  var original = box.value;
  box.addEventListener("beforeinput", function (event) { event.preventDefault(); });
  box.addEventListener("input", function () { box.value = original; });

  // --- the preserved text itself -------------------------------------------------------------------------
  var pending = null;  // {text, from, to} of the selection the action would quote

  function selectionInText() {
    var holder = document.getElementById("preserved-text");
    var selection = window.getSelection();
    if (!holder || !selection || selection.rangeCount === 0 || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    if (!holder.contains(range.startContainer) || !holder.contains(range.endContainer)) { return null; }
    var before = document.createRange();
    before.setStart(holder, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var text = range.toString();
    if (!text.trim()) { return null; }
    var from = codePoints(before.toString());
    return { text: text, from: from, to: from + codePoints(text), rect: range.getBoundingClientRect() };
  }

  function hideAction() {
    if (action) { action.hidden = true; }
    pending = null;
  }

  function showAction() {
    var found = selectionInText();
    if (!found || !action) { hideAction(); return; }
    pending = found;
    warnIfQuoted(found.from, found.to);
    // Quoting at once needs a case; without one (the source opened from the list), only the form is offered.
    action.querySelector("[data-quote=now]").hidden = !(caseField && caseField.value);
    action.hidden = false;
    var top = window.scrollY + found.rect.bottom + 8;
    var left = Math.max(8, Math.min(window.scrollX + found.rect.left,
                                    window.scrollX + document.documentElement.clientWidth - action.offsetWidth - 8));
    action.style.top = top + "px";
    action.style.left = left + "px";
  }

  document.addEventListener("mouseup", function (event) {
    if (action && action.contains(event.target)) { return; }
    window.setTimeout(showAction, 0);  // after the browser has settled the selection
  });
  document.addEventListener("keyup", function (event) {
    if (event.key === "Escape") { hideAction(); return; }
    if (action && action.contains(event.target)) { return; }
    if (event.shiftKey || event.key === "Shift") { showAction(); }
  });

  if (action) {
    action.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !pending) { return; }
      fill(pending.text, pending.from, pending.to);
      var how = button.getAttribute("data-quote");
      hideAction();
      window.getSelection().removeAllRanges();
      if (how === "now") {
        send();
      } else {
        form.scrollIntoView({ block: "start" });
        (caseField && !caseField.value ? caseField : quote).focus();
      }
    });
  }

  // --- saving without leaving the page ---------------------------------------------------------------
  function replaceFrom(page, id) {
    var fresh = page.getElementById(id), old = document.getElementById(id);
    if (fresh && old) { old.replaceWith(fresh); }
  }

  function showMessages(page) {
    var main = document.getElementById("main");
    var old = main.querySelector(".flashes");
    var fresh = page.querySelector(".flashes");
    if (old) { old.remove(); }
    if (fresh) { main.insertBefore(document.importNode(fresh, true), main.firstChild); }
    return fresh;
  }

  function send() {
    var body = new FormData(form);
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var messages = showMessages(page);
        var saved = messages && messages.querySelector(".flash-success");
        if (saved) {
          replaceFrom(page, "quotes");
          replaceFrom(page, "preserved-text");
          quote.value = ""; start.value = ""; end.value = "";
          if (duplicateNote) { duplicateNote.hidden = true; }
        }
        var main = document.getElementById("main");
        (messages ? main.querySelector(".flashes") : main).scrollIntoView({ block: "nearest" });
      })
      .catch(function () { form.submit(); })  // no answer: send it the ordinary way
      .then(function () { if (button) { button.disabled = false; } });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send();
  });
})();
