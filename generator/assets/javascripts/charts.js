/* Charts are static SVG in the page (they show, print and load with no
 * JavaScript). When a reader points at or focuses a chart, the Vega bundle
 * served by this site is loaded once and the chart becomes interactive. A chart
 * the preview has not drawn yet (data-pending) is made interactive at once. */
(function () {
  "use strict";
  var loading = null;

  function loadVega(src) {
    if (window.vegaEmbed) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  // data-specs lists "<narrowest column in px> <spec URL>" per layout, widest first: the first that fits is used,
  // the same layout the page's CSS shows statically.
  function specFor(figure) {
    var parts = figure.dataset.specs.split(" ");
    var width = figure.querySelector(".chart-static").clientWidth;
    for (var i = 0; i + 1 < parts.length; i += 2) {
      if (width >= Number(parts[i])) return parts[i + 1];
    }
    return parts[parts.length - 1];
  }

  function activate(figure) {
    if (figure.dataset.state) return;
    figure.dataset.state = "loading";
    var spec = specFor(figure);
    loadVega(figure.dataset.vega)
      .then(function () { return fetch(spec); })
      .then(function (response) { return response.json(); })
      .then(function (spec) {
        var box = document.createElement("div");
        box.className = "chart-live";
        figure.insertBefore(box, figure.firstChild);
        return window.vegaEmbed(box, spec, { actions: false, renderer: "svg", tooltip: true });
      })
      .then(function () {
        figure.classList.add("is-live");
        figure.dataset.state = "live";
      })
      .catch(function (error) {
        figure.dataset.state = "failed";
        console.error("chart " + figure.id + " stays static: " + error.message);
      });
  }

  function init() {
    document.querySelectorAll("figure.chart").forEach(function (figure) {
      if (figure.hasAttribute("data-pending")) activate(figure);  // the preview has not drawn it yet
      ["pointerenter", "focusin", "touchstart"].forEach(function (name) {
        figure.addEventListener(name, function () { activate(figure); }, { passive: true });
      });
    });
  }

  // Data tables sit in collapsed <details>: open them so they print.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
  });

  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
