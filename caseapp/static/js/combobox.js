// Type-to-search for long lists: every <select data-combobox> (countries, parties, people) becomes a text box
// that filters its options as one types, following the WAI-ARIA combobox pattern (a listbox popup, arrow
// keys, Enter to choose, Escape to close). The <select> stays in the form, hidden, and holds the value that is
// sent: without JavaScript, the page keeps the plain select.
(function () {
  "use strict";
  var SHOWN = 60;  // options listed at once: a party list may hold thousands
  var counter = 0;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function enhance(select) {
    var id = select.id || ("combobox-" + (++counter));
    var listId = id + "-options";
    var wrapper = document.createElement("div");
    wrapper.className = "combobox";
    var input = document.createElement("input");
    input.type = "text";
    input.className = "combobox-input";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    ["aria-describedby", "aria-invalid", "required"].forEach(function (name) {
      if (select.hasAttribute(name)) { input.setAttribute(name, select.getAttribute(name)); }
    });
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "combobox-options";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    // The label's for= points at the select's id: the text box takes it over.
    select.id = id + "-select";
    input.id = id;
    var label = document.querySelector("label[for='" + id + "']");
    if (label) { list.setAttribute("aria-label", label.textContent.trim()); }
    select.hidden = true;
    select.tabIndex = -1;
    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(select);

    var options = Array.prototype.map.call(select.options, function (option) {
      return { value: option.value, text: option.text, folded: fold(option.text) };
    });
    var shown = [], active = -1;

    function chosenText() {
      var option = select.options[select.selectedIndex];
      return option && option.value !== "" ? option.text : "";
    }
    function placeholder() {
      var blank = options.filter(function (o) { return o.value === ""; })[0];
      input.placeholder = blank ? blank.text : "";
    }

    function render() {
      list.textContent = "";
      shown.forEach(function (option, index) {
        var item = document.createElement("li");
        item.id = listId + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", index === active ? "true" : "false");
        item.textContent = option.text;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(option); });
        list.appendChild(item);
      });
      if (!shown.length) {
        var none = document.createElement("li");
        none.className = "combobox-none";
        none.textContent = list.getAttribute("data-none") || "—";
        list.appendChild(none);
      }
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", listId + "-" + active);
        var current = document.getElementById(listId + "-" + active);
        if (current) { current.scrollIntoView({ block: "nearest" }); }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(words) {
      var wanted = fold(words || "");
      // Names that start with the letters typed come first ("Netherl": Netherlands before Caribbean
      // Netherlands), then names with a word that does, then the rest that hold them.
      var starting = [], wordStarting = [], containing = [];
      options.forEach(function (o) {
        var at = wanted ? o.folded.indexOf(wanted) : 0;
        if (at === 0) { starting.push(o); }
        else if (at > 0 && (" " + o.folded).indexOf(" " + wanted) !== -1) { wordStarting.push(o); }
        else if (at > 0) { containing.push(o); }
      });
      shown = starting.concat(wordStarting, containing).slice(0, SHOWN);
      active = shown.length ? 0 : -1;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      render();
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function choose(option) {
      if (select.value !== option.value) {
        select.value = option.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      input.value = option.value === "" ? "" : option.text;
      close();
    }
    // Leaving the box: an exact name chooses that option, an empty box the blank one, anything else is undone.
    function settle() {
      var typed = fold(input.value.trim());
      if (!typed) {
        var blank = options.filter(function (o) { return o.value === ""; })[0];
        if (blank) { choose(blank); return; }
      }
      var exact = options.filter(function (o) { return o.folded === typed; })[0];
      if (exact) { choose(exact); } else { input.value = chosenText(); close(); }
    }

    input.addEventListener("input", function () { open(input.value); });
    input.addEventListener("focus", function () { input.select(); });
    input.addEventListener("click", function () { if (list.hidden) { open(""); } });
    input.addEventListener("blur", settle);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { open(""); return; }
        if (!shown.length) { return; }
        active = (active + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
        render();
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) { event.preventDefault(); choose(shown[active]); }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); input.value = chosenText(); close(); }
      }
    });
    select.addEventListener("change", function () { input.value = chosenText(); });

    list.setAttribute("data-none", document.body.getAttribute("data-no-match") || "—");
    input.value = chosenText();
    placeholder();
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-combobox]"), enhance);
})();
