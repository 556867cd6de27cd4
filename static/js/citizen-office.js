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
})();
