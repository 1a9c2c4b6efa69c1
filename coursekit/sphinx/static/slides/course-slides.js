// Starts the reveal.js deck of a chapter's projector view (coursekit/sphinx/slides.py).
(function () {
  "use strict";
  var VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';

  function loadWidgets(event) {
    // The lazy widget loader (vendor/widgets-loader.js) also starts on a first key or tap;
    // arriving on a widget slide by its URL should not wait for one.
    if (event.currentSlide && event.currentSlide.querySelector(VIEW) && window.courseLoadWidgets) {
      window.courseLoadWidgets();
    }
  }

  // On a narrow screen the page is the reading view (course-slides.css); set in the page's head.
  if (document.documentElement.classList.contains("course-reading")) { return; }
  Reveal.initialize({
    hash: true,               // each slide has its own address, also from file://
    width: 1280,
    height: 720,              // 16:9, scaled to the projector (1280×720 to 1920×1080)
    margin: 0.04,
    minScale: 0.2,
    maxScale: 2.0,
    center: false,
    transition: "none",       // no motion to wait for, and none for readers who avoid it
    slideNumber: "c/t",
    // Arrow keys in a widget's dropdown choose an option; they must not also turn the slide.
    keyboardCondition: function (event) {
      return !(event.target && event.target.closest && event.target.closest("select"));
    },
  });
  Reveal.on("ready", loadWidgets);
  Reveal.on("slidechanged", loadWidgets);
})();
