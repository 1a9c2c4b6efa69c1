// Self-checks (coursekit/quiz.py): accessible names and live feedback for the radio
// group that the ipywidgets HTML manager renders. The question's text names the group, and
// the feedback area is a polite live region, so a screen reader announces the feedback
// when an option is chosen. Widgets render after load, so newly added quizzes are watched.
(function () {
  "use strict";
  function enhance(quiz) {
    if (quiz.dataset.coursekitEnhanced) return;
    var question = quiz.querySelector(".coursekit-quiz-question");
    var group = quiz.querySelector(".coursekit-quiz-options .widget-radio-box");
    var stack = quiz.querySelector(".coursekit-stack");
    if (!question || !group || !stack) return;
    quiz.dataset.coursekitEnhanced = "1";
    if (!question.id) question.id = "coursekit-quiz-" + Math.random().toString(36).slice(2);
    group.setAttribute("role", "radiogroup");
    group.setAttribute("aria-labelledby", question.id);
    stack.setAttribute("aria-live", "polite");
  }
  function scan() {
    document.querySelectorAll(".coursekit-quiz").forEach(enhance);
  }
  var pending = false;
  function scanSoon() {  // widget rendering fires many mutations: scan once per frame
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; scan(); });
  }
  function start() {
    scan();
    new MutationObserver(scanSoon).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
