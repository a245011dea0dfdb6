/* Factsheet: small progressive enhancements. The pages work without them. */
(function () {
  "use strict";

  /* All quotes: show only the rows of one speaker. */
  function setUpFilter(box) {
    var select = box.querySelector("select");
    var table = box.parentElement.querySelector("table");
    if (!select || !table) { return; }
    var count = box.querySelector(".fs-filter-count");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    function apply() {
      var want = select.value;
      var shown = 0;
      rows.forEach(function (row) {
        var cell = row.cells[0];
        var match = !want || (cell && cell.textContent.trim() === want);
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " quotes"; }
      var url = new URL(window.location.href);
      if (want) { url.searchParams.set("speaker", want); } else { url.searchParams.delete("speaker"); }
      window.history.replaceState(null, "", url);
    }
    var asked = new URL(window.location.href).searchParams.get("speaker");
    if (asked && Array.prototype.some.call(select.options, function (o) { return o.value === asked; })) {
      select.value = asked;
    }
    select.addEventListener("change", apply);
    box.hidden = false;
    apply();
  }

  /* Cite this sheet: the page's own address, as the reader sees it. */
  function setUpCitation(span) {
    var url = new URL(window.location.href);
    url.hash = "";
    url.search = "";
    span.textContent = url.href;
  }

  /* Search: Pagefind's filter button is a combobox, which takes no name from its text: name it after
     the filter's label (axe: button-name). Its parts are drawn when the dialog first searches. */
  function nameSearchFilters() {
    var modal = document.querySelector("pagefind-modal");
    if (!modal || typeof MutationObserver === "undefined") { return; }
    function name() {
      modal.querySelectorAll("pagefind-filter-dropdown").forEach(function (dropdown) {
        var button = dropdown.querySelector(".pf-dropdown-trigger");
        var label = dropdown.getAttribute("label");
        if (button && label && button.getAttribute("aria-label") !== label) { button.setAttribute("aria-label", label); }
      });
    }
    new MutationObserver(name).observe(modal, { childList: true, subtree: true });
    name();
  }

  function enhance() {
    nameSearchFilters();
    document.querySelectorAll(".fs-filter").forEach(setUpFilter);
    document.querySelectorAll(".fs-cite-url").forEach(setUpCitation);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
