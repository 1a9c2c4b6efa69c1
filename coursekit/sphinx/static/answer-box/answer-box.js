/* Answer boxes: grade an exercise in the static book, with no kernel and no network.
 *
 * Each .answer-box carries its spec as JSON (built by coursekit/sphinx/answer_boxes.py).
 * "number" boxes grade with the rules of coursekit.exercises.spec.Number and combine();
 * keep the two in step. "table" boxes look the answer up in a table that check() filled
 * at build time. The verdict is written in words into an aria-live region.
 */
(function () {
  "use strict";

  // Python's format(value, "g"): 6 significant digits, trailing zeros dropped.
  function formatG(value) {
    if (value === 0) return "0";
    if (!isFinite(value)) return String(value);
    var exp = parseInt(value.toExponential(5).split("e")[1], 10);
    if (exp < -4 || exp >= 6) {
      var parts = value.toExponential(5).split("e");
      var mantissa = parts[0].indexOf(".") >= 0 ? parts[0].replace(/\.?0+$/, "") : parts[0];
      var e = parseInt(parts[1], 10);
      return mantissa + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }
    var fixed = value.toFixed(Math.max(0, 5 - exp));
    return fixed.indexOf(".") >= 0 ? fixed.replace(/\.?0+$/, "") : fixed;
  }

  function close(a, b, tol) { return Math.abs(a - b) <= tol; }

  // Number.grade in coursekit/exercises/spec.py
  function gradeNumber(part, value) {
    if (close(value, part.expected, part.tol)) return [true, ""];
    for (var i = 0; i < part.wrongs.length; i++) {
      if (close(value, part.wrongs[i].value, part.tol)) return [false, part.wrongs[i].message];
    }
    if (part.percent && part.expected !== 0 && close(value * 100, part.expected, part.tol)) {
      return [false, formatG(value) + " looks like a fraction; the question asks for a percentage, so multiply by 100."];
    }
    if (part.expected !== 0 && close(-value, part.expected, part.tol)) {
      return [false, formatG(value) + " has the wrong sign: is this a rise or a fall?"];
    }
    return [false, formatG(value) + " does not match what the data give. " + part.hint];
  }

  // combine() in coursekit/exercises/spec.py
  function combine(results, success) {
    var wrong = results.filter(function (r) { return !r[1]; });
    if (!wrong.length) return [true, success];
    var right = results.filter(function (r) { return r[1]; }).map(function (r) { return r[0]; });
    var lead = right.length ? right.join(", ") + " right; " : "";
    var more = wrong.length > 1 ? " (" + (wrong.length - 1) + " more part(s) to fix after this one.)" : "";
    return [false, lead + wrong[0][0] + ": " + wrong[0][2] + more];
  }

  function parseNumber(text) {
    var t = text.trim().replace(/\u2212/g, "-");
    if (/^[+-]?\d+,\d{3}$/.test(t)) return null;  // 1,234: a thousands separator or a decimal comma?
    if (/^[+-]?\d+,\d+$/.test(t)) t = t.replace(",", ".");  // a decimal comma, as in 39,6
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
    return parseFloat(t);
  }

  function gradeNumbers(box, spec) {
    var results = [];
    for (var i = 0; i < spec.parts.length; i++) {
      var part = spec.parts[i];
      var input = box.querySelector('input[name="' + CSS.escape(part.key) + '"]');
      var label = spec.single ? "Your answer" : (part.name || part.key);
      if (!input.value.trim()) return [null, "Type a number for " + label + " first.", input];
      var value = parseNumber(input.value);
      if (value === null) {
        return [null, label + ": type the number alone, such as 39.6 or 1234.5 (no % sign, no units, no thousands " +
                "separators).", input];
      }
      var graded = gradeNumber(part, value);
      if (spec.single) return graded[0] ? [true, spec.success] : [false, graded[1]];
      results.push([part.name || part.key, graded[0], graded[1]]);
    }
    return combine(results, spec.success);
  }

  function gradeTable(box, spec) {
    var keys = [];
    for (var i = 0; i < spec.fields.length; i++) {
      var field = spec.fields[i];
      var name = CSS.escape(field.name);
      if (field.kind === "select") {
        var select = box.querySelector('select[name="' + name + '"]');
        if (!select.value) return [null, "Choose an answer for " + field.label + " first.", select];
        keys.push(select.value);
      } else if (field.kind === "radio") {
        var checked = box.querySelector('input[name="' + name + '"]:checked');
        if (!checked) return [null, "Choose an answer for " + field.label + " first.", box.querySelector('input[name="' + name + '"]')];
        keys.push(checked.value);
      } else {
        var mask = 0;  // bit i = option i ticked, as in coursekit/exercises/boxes.py
        box.querySelectorAll('input[name="' + name + '"]').forEach(function (el) {
          if (el.checked) mask += Math.pow(2, field.options.indexOf(el.value));
        });
        keys.push(String(mask));
      }
    }
    var index = spec.table[keys.join("|")];
    if (index === undefined) return [null, "This combination is not one the checker knows; check each part.", null];
    return spec.messages[index];
  }

  function show(box, verdict) {
    var region = box.querySelector(".answer-box__feedback");
    region.textContent = "";
    var div = document.createElement("div");
    var state = verdict[0] === true ? "correct" : "not-yet";
    div.className = "course-feedback course-feedback--" + state;
    var strong = document.createElement("strong");
    strong.textContent = verdict[0] === true ? "Correct." : (verdict[0] === false ? "Not yet." : "Incomplete.");
    div.appendChild(strong);
    div.appendChild(document.createTextNode(" " + verdict[1]));
    region.appendChild(div);
    box.setAttribute("data-verdict", state);
    if (verdict[0] === null && verdict[2]) verdict[2].focus();
  }

  function setUp(box) {
    var data = box.querySelector("script.answer-box__data");
    var form = box.querySelector("form");
    if (!data || !form) return;
    var spec = JSON.parse(data.textContent);
    form.addEventListener("submit", function (event) {
      event.preventDefault();  // never leave the page: the box grades here
      if (spec.kind !== "text") show(box, spec.kind === "number" ? gradeNumbers(box, spec) : gradeTable(box, spec));
    });
    box.classList.add("answer-box--ready");
  }

  function init() { document.querySelectorAll(".answer-box").forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  window.courseAnswerBox = { formatG: formatG };
})();
