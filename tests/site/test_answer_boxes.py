"""Answer boxes in the static book, in Chromium with no kernel (issue #12, requirement 5).

For every box on every exercise page, generated from the checker specs:
- number boxes: the reference answer (computed independently in tests/test_checks.py) gets
  "Correct.", and every typical wrong value the spec knows gets the checker's own
  feedback, word for word (compared with ``check()`` on the same typed value);
- table boxes (choices, orders, small dicts): one answer per distinct verdict the checker
  gives, set through the controls, shows that verdict; at least one is "Correct.";
- free-text boxes: the model answer is behind a disclosure button (full edition).
Also: keyboard use, the aria-live region, and the page opened from file://.
Set BOOK_HTML=_build/html to test an existing build.
"""

from __future__ import annotations

import json

import pytest

from coursekit.exercises import check, exercise_ids
from coursekit.exercises.boxes import box_data
from tests.test_checks import CASES

PAGES = {
    "02": "02-thesis",
    "03": "03-rapprochement",
    "04": "04-shadow-diplomacy",
    "05": "05-tariff-trouble",
    "06": "06-zero-sum",
    "07": "07-concluding-thoughts",
}

SHOWN = "b => b.querySelector('.answer-box__feedback').innerText.trim()"

# Sets a table box's controls from a key built by coursekit.exercises.boxes, then submits.
SET_TABLE = """([box, key]) => {
  const spec = JSON.parse(box.querySelector('script.answer-box__data').textContent);
  const parts = key.split('|');
  spec.fields.forEach((f, i) => {
    const name = CSS.escape(f.name);
    if (f.kind === 'select') { box.querySelector(`select[name="${name}"]`).value = parts[i]; return; }
    box.querySelectorAll(`input[name="${name}"]`).forEach(el => {
      el.checked = f.kind === 'radio' ? el.value === parts[i]
        : ((Number(parts[i]) >> f.options.indexOf(el.value)) & 1) === 1;
    });
  });
  box.querySelector('button[type=submit]').click();
  return box.querySelector('.answer-box__feedback').innerText.trim();
}"""

FILL_NUMBERS = """([box, values]) => {
  for (const [key, value] of Object.entries(values)) {
    box.querySelector(`input[name="${CSS.escape(key)}"]`).value = value;
  }
  box.querySelector('button[type=submit]').click();
  return box.querySelector('.answer-box__feedback').innerText.trim();
}"""


def shown(verdict) -> str:
    return f"{'Correct.' if verdict.correct else 'Not yet.'} {verdict.message}"


def _typed(value: float) -> str:
    return repr(float(value))


def number_cases(exercise_id: str) -> list[tuple[dict, str, str]]:
    """(typed values per part, expected text, what the case is) for one number box."""
    data = box_data(exercise_id)
    reference = CASES[exercise_id][0]()
    ref = {"answer": reference} if data["single"] else {p["key"]: reference[p["key"]] for p in data["parts"]}
    typed_ref = {k: _typed(v) for k, v in ref.items()}

    def as_answer(typed: dict):
        values = {k: float(v) for k, v in typed.items()}
        return values["answer"] if data["single"] else values

    cases = [(typed_ref, shown(check(exercise_id, as_answer(typed_ref))), "reference")]
    assert cases[0][1].startswith("Correct."), (
        f"{exercise_id}: the reference answer fails check(): {cases[0][1]}"
    )
    for part in data["parts"]:
        for wrong in part["wrongs"]:
            typed = {**typed_ref, part["key"]: _typed(wrong["value"])}
            expected = shown(check(exercise_id, as_answer(typed)))
            cases.append((typed, expected, f"{part['key']}: {wrong['message'][:40]}"))
        off = {**typed_ref, part["key"]: _typed(part["expected"] + 1000)}
        cases.append((off, shown(check(exercise_id, as_answer(off))), f"{part['key']}: far off"))
    return cases


def table_cases(exercise_id: str) -> list[tuple[str, str]]:
    """(control key, expected text): one key per distinct verdict the checker gives."""
    data = box_data(exercise_id)
    first: dict[int, str] = {}
    for key, index in data["table"].items():
        first.setdefault(index, key)
    return [(key, shown_message(data["messages"][index])) for index, key in sorted(first.items())]


def shown_message(message: list) -> str:
    return f"{'Correct.' if message[0] else 'Not yet.'} {message[1]}"


def test_every_exercise_has_a_box_kind():
    kinds = {e: box_data(e)["kind"] for e in exercise_ids()}
    assert set(kinds.values()) <= {"number", "table", "text"}
    # Only the answers that are free text, open payoff tables or a year-by-year count have no graded box.
    assert {e for e, k in kinds.items() if k == "text"} == {
        "ex04_meetings_per_year",
        "ex06_constant_sum",
        "ex07_neutral_rewrite",
    }


def test_every_table_box_has_a_correct_answer_and_the_typical_wrong_feedback():
    for exercise_id in exercise_ids():
        data = box_data(exercise_id)
        if data["kind"] != "table":
            continue
        messages = [m for _, m in data["messages"]]
        assert any(ok for ok, _ in data["messages"]), exercise_id
        for _, words in CASES[exercise_id][1]:
            assert any(words in m for m in messages), (exercise_id, words)


@pytest.mark.browser
@pytest.mark.parametrize("prefix", sorted(PAGES))
def test_answer_boxes_give_the_checkers_feedback(open_page, prefix):
    report = open_page(f"exercises/{PAGES[prefix]}.html")
    page = report.page
    ids = [e for e in exercise_ids() if e.startswith(f"ex{prefix}_")]
    boxes = page.locator(".answer-box")
    assert boxes.count() == len(ids)
    for exercise_id in ids:
        box = page.locator(f'.answer-box[data-exercise="{exercise_id}"]')
        assert box.count() == 1, exercise_id
        embedded = json.loads(box.locator("script.answer-box__data").text_content())
        assert embedded == json.loads(json.dumps(box_data(exercise_id))), (
            f"{exercise_id}: box built from stale data"
        )
        handle = box.element_handle()
        kind = embedded["kind"]
        if kind == "number":
            for typed, expected, what in number_cases(exercise_id):
                assert page.evaluate(FILL_NUMBERS, [handle, typed]) == expected, (exercise_id, what)
        elif kind == "table":
            cases = table_cases(exercise_id)
            assert any(text.startswith("Correct.") for _, text in cases), exercise_id
            for key, expected in cases:
                assert page.evaluate(SET_TABLE, [handle, key]) == expected, (exercise_id, key)
        else:
            summary = box.locator("details.answer-box__model summary")
            assert summary.count() == 1, f"{exercise_id}: no model answer on request"
            assert not box.locator("details.answer-box__model p").is_visible()
            summary.click()
            assert box.locator("details.answer-box__model p").is_visible()
    assert report.errors == [] and report.foreign_requests == []


@pytest.mark.browser
def test_a_box_works_by_keyboard_and_announces_its_verdict(open_page):
    page = open_page("exercises/05-tariff-trouble.html").page
    box = page.locator('.answer-box[data-exercise="ex05_static_duty"]')
    region = box.locator(".answer-box__feedback")
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    field = box.get_by_label("Your answer")  # the input has a programmatic label
    field.focus()
    for unclear in ("abc", "12%", "1,234"):
        field.fill("")
        page.keyboard.type(unclear)
        page.keyboard.press("Enter")
        assert "type the number alone" in region.inner_text(), unclear
    field.fill("")
    page.keyboard.type("1,5")  # a decimal comma
    page.keyboard.press("Enter")
    assert region.inner_text().strip() == shown(check("ex05_static_duty", 1.5))
    wrong = next(
        w for w in box_data("ex05_static_duty")["parts"][0]["wrongs"] if "25 instead of 25%" in w["message"]
    )
    field.fill("")
    page.keyboard.type(f"{wrong['value']:.4f}")
    page.keyboard.press("Tab")  # to the Check button
    assert page.evaluate("document.activeElement.textContent") == "Check"
    page.keyboard.press("Enter")
    assert region.inner_text().strip() == shown(check("ex05_static_duty", float(f"{wrong['value']:.4f}")))
    radio_box = page.locator('.answer-box[data-exercise="ex05_pride_evidence"]')
    radio_box.get_by_label("A", exact=True).focus()
    page.keyboard.press("Space")
    assert radio_box.get_by_label("A", exact=True).is_checked()


@pytest.mark.browser
def test_boxes_work_from_file_url(browser, built_book):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((built_book / "exercises" / "07-concluding-thoughts.html").as_uri())
    box = page.locator('.answer-box[data-exercise="ex07_unfalsifiable"]')
    box.get_by_label("D", exact=True).check()
    box.get_by_role("button", name="Check").click()
    assert box.locator(".answer-box__feedback").inner_text().startswith("Correct.")
    assert errors == []
    page.close()


def test_student_edition_boxes_carry_no_model_answer():
    from coursekit.exercises.boxes import model_answer
    from coursekit.sphinx.answer_boxes import STUDENT_MODEL_NOTE, box_html

    for exercise_id in ("ex07_neutral_rewrite", "ex06_constant_sum", "ex04_meetings_per_year"):
        model = model_answer(exercise_id)
        assert len(model) > 80
        full = box_html(box_data(exercise_id), model, student=False)
        student = box_html(box_data(exercise_id), model, student=True)
        assert model[:60].replace("'", "&#x27;") in full and "Show a model answer" in full
        assert model[:40] not in student and model[:40].replace("'", "&#x27;") not in student
        assert "Show a model answer" not in student and STUDENT_MODEL_NOTE.replace("'", "&#x27;") in student


def test_embedded_json_cannot_close_its_script_element():
    from coursekit.sphinx.answer_boxes import box_html

    html = box_html(
        {
            "id": "ex_x",
            "form": "f",
            "kind": "table",
            "messages": [[True, "</script><b>"]],
            "table": {"A": 0},
            "fields": [{"name": "answer", "label": "L", "kind": "radio", "options": ["A"], "labels": ["A"]}],
        }
    )
    assert html.count("</script>") == 1


@pytest.mark.browser
def test_number_formatting_matches_python(open_page):
    """Generic feedback quotes the typed value as Python's format(value, 'g') does."""
    page = open_page("exercises/05-tariff-trouble.html").page
    values = [
        0.0001234567,
        12.5,
        -12.5,
        123456.7,
        1234567.0,
        0.5,
        1e-7,
        39.649999,
        3.0,
        -0.00004321,
        987654321.0,
    ]
    assert page.evaluate("vs => vs.map(v => window.courseAnswerBox.formatG(v))", values) == [
        f"{v:g}" for v in values
    ]
