// Loaded after require.js and before the ipywidgets HTML manager (order: nb_ipywidgets_js in _config.yml).
(function () {
  "use strict";
  // embed-amd.js takes the folder of each AMD module's URI as the base of its fonts and CSS
  // assets. Without explicit paths, require.js would place "@jupyter-widgets/base" beside the
  // page, and the icon fonts would 404. Map every module id into the vendored folder.
  var here = document.currentScript.src;
  var managerDir = here.slice(0, here.lastIndexOf("/") + 1) + "html-manager/";
  // Only the folder matters, so every id points at a file directly in html-manager/. The
  // library module needs its own entry: require.js would otherwise resolve it below the
  // "@jupyter-widgets/html-manager" path, one "dist/" too deep.
  var moduleIds = [
    "@jupyter-widgets/base", "@jupyter-widgets/base7",
    "@jupyter-widgets/controls", "@jupyter-widgets/controls7",
    "@jupyter-widgets/output", "@jupyter-widgets/html-manager",
    "@jupyter-widgets/html-manager/dist/libembed-amd",
  ];
  var paths = {};
  moduleIds.forEach(function (id) { paths[id] = managerDir + "embed-amd"; });
  window.require.config({ paths: paths });

  // ipywidgets 8 typesets labels through MathJax 2's Hub.Queue; MathJax 3 has no Hub.
  function shimMathJax() {
    var mj = window.MathJax;
    if (!mj || mj.Hub) { return; }
    mj.Hub = {
      Queue: function (job) {
        var el = job && job[2];
        var ready = (mj.startup && mj.startup.promise) || Promise.resolve();
        return ready.then(function () {
          return mj.typesetPromise ? mj.typesetPromise(el ? [el] : undefined) : null;
        });
      },
    };
  }
  shimMathJax();
  document.addEventListener("DOMContentLoaded", shimMathJax);
})();
