"""The static widget's state grid and control checks, on hand-made controls.

Expected values are worked out by hand from the docstrings: the grid is row-major with
the last control varying fastest, the first option is the default, and the page refuses
control sets it cannot hold (found by mutation testing: see bench/README.md).
"""

from __future__ import annotations

import ipywidgets
import pytest

from coursekit.widgets.spec import Choice, check_controls, default_indices, flat_index, state_grid

A = Choice("Pair", [("Japan–Russia", "jr"), ("Russia–China", "rc")])
B = Choice("Flow", [("exports", "x"), ("imports", "m"), ("total", "t")], kind="radio")


def test_choice_keeps_labels_values_and_kind():
    assert A.labels == ["Japan–Russia", "Russia–China"]
    assert A.values == ["jr", "rc"]
    assert A.kind == "auto" and B.kind == "radio"
    assert Choice("n", [["one", 1]]).options == (("one", 1),)  # lists become tuples


@pytest.mark.parametrize(
    "label, options, kind, words",
    [
        ("", [("a", 1)], "auto", "non-empty string"),
        ("   ", [("a", 1)], "auto", "non-empty string"),
        (3, [("a", 1)], "auto", "non-empty string"),
        ("L", [], "auto", "empty option set"),
        ("L", [("a", 1, 2)], "auto", "option 0 is"),
        ("L", ["ab"], "auto", "option 0 is"),
        ("L", [("a", 1), ("", 2)], "auto", "option 1 needs a non-empty display label"),
        ("L", [("a", 1), (" ", 2)], "auto", "option 1 needs a non-empty display label"),
        ("L", [("a", 1), (2, 2)], "auto", "option 1 needs a non-empty display label"),
        ("L", [("a", 1), ("b", 2), ("a", 3)], "auto", "repeats display labels ['a']"),
        ("L", [("a", 1)], "slider", "kind='slider' is not one of"),
    ],
)
def test_choice_refuses_bad_declarations(label, options, kind, words):
    with pytest.raises(ValueError) as err:
        Choice(label, options, kind=kind)
    assert words in str(err.value)


@pytest.mark.parametrize("kind", ["auto", "dropdown", "radio", "toggle"])
def test_choice_accepts_each_control_kind(kind):
    assert Choice("L", [("a", 1)], kind=kind).kind == kind


def test_index_of_finds_the_value_or_names_the_control():
    assert B.index_of("x", name="flow") == 0
    assert B.index_of("t", name="flow") == 2
    with pytest.raises(
        ValueError, match=r"control 'flow' is 'z'.*\['x', 'm', 't'\].*\['exports', 'imports', 'total'\]"
    ):
        B.index_of("z", name="flow")


def test_make_control_picks_the_widget_for_the_kind():
    dropdown = A.make_control(1)
    assert isinstance(dropdown, ipywidgets.Dropdown)
    assert dropdown.index == 1 and dropdown.description == "Pair"
    assert list(dropdown.options) == A.labels
    radio = B.make_control(2)
    assert isinstance(radio, ipywidgets.RadioButtons) and radio.index == 2
    toggle = Choice("Game", [("one", 1), ("two", 2)], kind="toggle").make_control(0)
    assert isinstance(toggle, ipywidgets.ToggleButtons)
    assert list(toggle.tooltips) == ["Game: one", "Game: two"]
    assert isinstance(Choice("G", [("a", 1)], kind="dropdown").make_control(0), ipywidgets.Dropdown)


def test_state_grid_is_row_major_last_control_fastest():
    grid = state_grid({"pair": A, "flow": B}, lambda v: f" {v['pair']}-{v['flow']} ")
    assert [s.values for s in grid] == [{"pair": p, "flow": f} for p in ("jr", "rc") for f in ("x", "m", "t")]
    assert grid[4].labels == {"Pair": "Russia–China", "Flow": "imports"}
    assert [s.alt for s in grid][:2] == ["jr-x", "jr-m"]  # alt text stripped


@pytest.mark.parametrize("bad", ["", "   ", None])
def test_state_grid_needs_alt_text_for_every_state(bad):
    with pytest.raises(ValueError, match="every state needs alt text"):
        state_grid({"pair": A}, lambda v: bad if v["pair"] == "rc" else "fine")


def test_flat_index_matches_the_grid_order():
    controls = {"pair": A, "flow": B}
    assert flat_index(controls, {"pair": 0, "flow": 0}) == 0
    assert flat_index(controls, {"pair": 0, "flow": 2}) == 2
    assert flat_index(controls, {"pair": 1, "flow": 0}) == 3
    assert flat_index(controls, {"pair": 1, "flow": 2}) == 5


def test_default_indices_use_the_default_value_else_the_first_option():
    controls = {"pair": A, "flow": B}
    assert default_indices(controls, None) == {"pair": 0, "flow": 0}
    assert default_indices(controls, {"flow": "t"}) == {"pair": 0, "flow": 2}
    with pytest.raises(ValueError, match=r"unknown control\(s\) \['colour'\]"):
        default_indices(controls, {"colour": "red"})


def test_check_controls_accepts_a_grid_at_the_limit():
    check_controls({"pair": A, "flow": B}, {}, max_states=6)


@pytest.mark.parametrize(
    "controls, live, max_states, error, words",
    [
        ({}, {}, 10, ValueError, "at least one control"),
        ({k: A for k in "abcd"}, {}, 100, ValueError, "at most 3 controls, got 4"),
        ({"pair": "not a Choice"}, {}, 10, TypeError, "must be a coursekit.widgets.Choice, got str"),
        (
            {"pair": A},
            {"pair": ipywidgets.IntSlider()},
            10,
            ValueError,
            "both as a discrete control and a live",
        ),
        ({"pair": A}, {"rate": 3}, 10, TypeError, "live control 'rate' must be an ipywidgets"),
        ({"pair": A, "flow": B}, {}, 5, ValueError, "pair (2) × flow (3) = 6 states to pre-render"),
    ],
)
def test_check_controls_refuses_what_the_page_cannot_hold(controls, live, max_states, error, words):
    with pytest.raises(error) as err:
        check_controls(controls, live, max_states)
    assert words in str(err.value)
