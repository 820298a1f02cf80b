/* Switching language keeps the reader's place: the language links (the header selector and the link
 * at the top of each page) lead to the same page, and take the current section along when the page
 * in the other language has it (figure cards, charts, targets and editions have the same anchors in
 * every language). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[hreflang]") : null;
    if (!link || !location.hash || link.hash) return;
    if (!link.closest(".lang-switch, .md-select")) return;
    link.href = link.href + location.hash;
  }, true);
})();
