// Loads the ipywidgets HTML manager only when it is needed (see coursekit/sphinx/progressive.py).
// Until then each widget shows the static copy of its default state written into the page, so
// the article paints without waiting for 3.6 MB of script. Loaded with `defer` on widget pages.
(function () {
  "use strict";
  var me = document.currentScript;
  var vendor = me.src.slice(0, me.src.lastIndexOf("/") + 1);
  var stateUrl = me.getAttribute("data-widget-state");
  var started = null;

  function load(src, attrs) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      Object.keys(attrs || {}).forEach(function (k) { s.setAttribute(k, attrs[k]); });
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  // Same order as before: state, require.js, the AMD paths and MathJax shim, the manager.
  function start() {
    if (!started) {
      started = load(stateUrl)
        .then(function () { return load(vendor + "requirejs/require.js"); })
        .then(function () { return load(vendor + "offline-widgets-setup.js"); })
        .then(function () {
          return load(vendor + "html-manager/embed-amd.js",
                      {"data-jupyter-widgets-cdn": vendor + "html-manager/"});
        })
        .catch(function (err) { console.warn("Widgets stay static: " + err.message); });
    }
    return started;
  }
  window.courseLoadWidgets = start;

  var views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
  if (!views.length) { return; }
  // A widget a quarter of a screen from the viewport, or any first interaction (a tap, a key,
  // a scroll by touch), starts loading; until then the static copy is the widget.
  if ("IntersectionObserver" in window) {
    var io = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { io.disconnect(); start(); }
    }, {rootMargin: "25% 0px 25% 0px"});
    views.forEach(function (v) { io.observe(v.parentElement); });
  } else {
    start();
  }
  ["pointerdown", "keydown", "touchstart"].forEach(function (type) {
    document.addEventListener(type, start, {once: true, passive: true});
  });
})();
