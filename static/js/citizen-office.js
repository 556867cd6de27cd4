/* Small enhancements only: every page works without this file. */
(function () {
  "use strict";

  // Move focus to the error summary so screen-reader and keyboard users hear the problem first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // A filter box above long selects (the commune picker): type to narrow the options.
  var selects = document.querySelectorAll("select[data-filter-select]");
  Array.prototype.forEach.call(selects, function (select) {
    var label = document.querySelector('label[for="' + select.id + '"]');
    var input = document.createElement("input");
    input.type = "search";
    input.className = "select-filter";
    input.id = select.id + "_filter";
    input.setAttribute("dir", "auto");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-controls", select.id);
    input.setAttribute("aria-label", (label ? label.textContent.trim() + " — " : "") +
      (select.getAttribute("data-filter-label") || ""));
    input.placeholder = select.getAttribute("data-filter-label") || "";
    select.parentNode.insertBefore(input, select);
    var normalise = function (text) {
      return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    };
    input.addEventListener("input", function () {
      var term = normalise(input.value.trim());
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var groupMatch = normalise(group.label).indexOf(term) !== -1;
        var any = false;
        Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
          var show = !term || groupMatch || normalise(option.textContent).indexOf(term) !== -1;
          option.hidden = !show;
          any = any || show;
        });
        group.hidden = !any;
      });
    });
  });

  // Application forms: show a question as soon as the answer it depends on is chosen. The server
  // decides the same on every post, so without this script the page simply comes back with it.
  var conditional = document.querySelector("form[data-conditions]");
  if (conditional) {
    var wrappers = conditional.querySelectorAll("[data-key]");
    var update = function () {
      var shown = {};
      Array.prototype.forEach.call(wrappers, function (wrapper) {
        var rule = wrapper.getAttribute("data-show-when");
        if (rule) {
          var cut = rule.indexOf("=");
          var key = rule.slice(0, cut);
          var value = rule.slice(cut + 1);
          var chosen = conditional.querySelectorAll('[name="' + key + '"]:checked');
          var match = Array.prototype.some.call(chosen, function (input) { return input.value === value; });
          wrapper.hidden = !(shown[key] !== false && match);
        }
        shown[wrapper.getAttribute("data-key")] = !wrapper.hidden;
      });
      // Tell the server which questions the person now sees: those are checked on this post.
      var seen = conditional.querySelector('input[name="_shown"]');
      if (seen) {
        seen.value = Object.keys(shown).filter(function (key) { return shown[key]; }).join(",");
      }
    };
    conditional.addEventListener("change", update);
  }

  // A form marked data-once sends once: a second press while the page loads does nothing.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-once]"), function (form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
      form.setAttribute("data-sent", "1");
    });
  });

  // A "Print" button where printing is the point (a receipt at the desk); without JavaScript, the browser's own.
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
