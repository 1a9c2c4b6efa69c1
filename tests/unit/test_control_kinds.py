"""coursekit.widgets.spec.Choice.make_control: every kind of control shows the declared
options, label and starting option (mutation review, bench/mutation-final.md).

Expected values are the declarations below, written by hand.
"""

from __future__ import annotations

import ipywidgets
import pytest

from coursekit.widgets.spec import Choice

OPTIONS = [("one", 1), ("two", 2), ("three", 3)]


@pytest.mark.parametrize(
    "kind, widget",
    [
        ("toggle", ipywidgets.ToggleButtons),
        ("radio", ipywidgets.RadioButtons),
        ("dropdown", ipywidgets.Dropdown),
        ("auto", ipywidgets.Dropdown),
    ],
)
def test_each_kind_shows_the_options_label_and_starting_option(kind, widget):
    control = Choice("Game", OPTIONS, kind=kind).make_control(1)
    assert type(control) is widget
    assert list(control.options) == ["one", "two", "three"]
    assert (control.description, control.index, control.value) == ("Game", 1, "two")


def test_toggle_buttons_name_the_control_in_each_button_title():
    control = Choice("Game", OPTIONS, kind="toggle").make_control(2)
    assert list(control.tooltips) == ["Game: one", "Game: two", "Game: three"]


def test_the_control_set_errors_say_what_to_do():
    from coursekit.widgets.spec import check_controls

    with pytest.raises(ValueError) as info:
        check_controls({}, {}, 10)
    assert str(info.value) == "static_widget needs at least one control in `controls`."
    three = Choice("Three", OPTIONS)
    two = Choice("Two", OPTIONS[:2])
    with pytest.raises(ValueError) as info:
        check_controls({"a": three, "b": two}, {}, 5)
    assert str(info.value) == (
        "a (3) × b (2) = 6 states to pre-render, more than max_states=5. "
        "Each state is an image embedded in the page, which must stay under 1.5 MB. "
        "Offer fewer options, split the widget, or make a dimension a live= slider (live kernel only)."
    )


def test_bad_option_sets_say_what_an_option_is():
    with pytest.raises(ValueError) as info:
        Choice("Game", [])
    assert (
        str(info.value)
        == "Choice 'Game' has an empty option set; give at least one (display_label, value) pair."
    )
    with pytest.raises(ValueError) as info:
        Choice("Game", [("one", 1), "two"])
    assert (
        str(info.value)
        == "Choice 'Game' option 1 is 'two'; each option must be a (display_label, value) pair."
    )
