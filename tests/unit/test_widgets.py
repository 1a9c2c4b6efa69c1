"""Unit tests of coursekit.widgets: the pre-rendered states, the links, the print bundle, errors."""

from __future__ import annotations

import base64
import io
import json
import re
from html.parser import HTMLParser

import ipywidgets
import pandas as pd
import pytest
from PIL import Image

from coursekit import style
from coursekit.widgets import Choice, static_widget

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# A distinct background colour per state lets a test read back, from the pixels
# alone, which state an image shows.
COUNTRY_RGB = {"JP": (230, 159, 0), "RU": (0, 114, 178)}
YEARS = [2014, 2016, 2018]


def controls():
    return {
        "country": Choice("Country", [("Japan", "JP"), ("Russia", "RU")]),
        "year": Choice("Year", [(str(y), y) for y in YEARS]),
    }


def make_draw(calls):
    def draw(country, year):
        calls.append((country, year))
        r, g, b = COUNTRY_RGB[country]
        fig = style.new_figure(figsize=(4, 2.5), facecolor=(r / 255, g / 255, b / 255))
        ax = fig.add_subplot()
        ax.plot([0, 1, 2], [0, year - 2013, 1])
        ax.set_title(f"{country} {year}")
        return fig

    return draw


def alt(country, year):
    return f"Line chart for {country} in {year}"


@pytest.fixture(autouse=True)
def static_mode(monkeypatch):
    """Unit tests exercise the static (build-time) mode unless they say otherwise."""
    monkeypatch.setenv("COURSE_LIVE", "0")


@pytest.fixture
def two_control():
    calls = []
    w = static_widget(make_draw(calls), controls(), caption="Trade by year", alt=alt, default={"year": 2016})
    w.widget  # noqa: B018 - building the static widget renders every state
    return w, calls


class _StateParser(HTMLParser):
    """Collects the data-coursekit-state and the <img> attributes of one state's HTML."""

    def __init__(self):
        super().__init__()
        self.state = None
        self.imgs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-coursekit-state" in attrs:
            self.state = json.loads(attrs["data-coursekit-state"])
        if tag == "img":
            self.imgs.append(attrs)


def parse(html_text):
    p = _StateParser()
    p.feed(html_text)
    return p


def leaf_html(widget):
    """HTML of every leaf, walking the nested Stacks in order."""
    if isinstance(widget, ipywidgets.Stack):
        return [h for child in widget.children for h in leaf_html(child)]
    assert isinstance(widget, ipywidgets.HTML)
    return [widget.value]


def png_corner_rgb(png_bytes):
    with Image.open(io.BytesIO(png_bytes)) as img:
        return img.convert("RGB").getpixel((1, 1))


def same_colour(a, b, tol=3):
    """Palette quantisation may move a colour by a unit or two."""
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def data_uri_bytes(src):
    header, b64 = src.split(",", 1)
    return header, base64.b64decode(b64)


# -- states --------------------------------------------------------------------


def test_one_state_per_combination_in_control_order(two_control):
    w, calls = two_control
    expected = [(c, y) for c in ("JP", "RU") for y in YEARS]
    assert [(s.values["country"], s.values["year"]) for s in w.states] == expected
    assert sorted(calls) == sorted(expected)  # each state drawn exactly once
    assert len(calls) == 6


def test_nested_stacks_hold_every_state_in_order(two_control):
    w, _ = two_control
    assert isinstance(w.stack, ipywidgets.Stack)
    assert len(w.stack.children) == 2
    assert all(isinstance(c, ipywidgets.Stack) and len(c.children) == 3 for c in w.stack.children)
    leaves = [parse(h).state for h in leaf_html(w.stack)]
    assert leaves == [{"Country": c, "Year": str(y)} for c in ("Japan", "Russia") for y in YEARS]


def test_state_labels_and_alt_text_per_state(two_control):
    w, _ = two_control
    for html_text, (country, year) in zip(leaf_html(w.stack), [(c, y) for c in ("JP", "RU") for y in YEARS]):
        p = parse(html_text)
        assert len(p.imgs) == 1
        assert p.imgs[0]["alt"] == f"Line chart for {country} in {year}"
        assert p.state == {"Country": {"JP": "Japan", "RU": "Russia"}[country], "Year": str(year)}


def test_each_state_image_shows_its_own_state(two_control):
    w, _ = two_control
    for st in w.states:
        header, data = data_uri_bytes(parse(st.html).imgs[0]["src"])
        assert header == "data:image/png;base64"
        assert same_colour(png_corner_rgb(data), COUNTRY_RGB[st.values["country"]])


def test_controls_are_labelled_and_linked_to_every_stack_of_their_level(two_control):
    w, _ = two_control
    country, year = w.control_widgets["country"], w.control_widgets["year"]
    assert country.description == "Country" and year.description == "Year"
    assert list(country.options) == ["Japan", "Russia"]
    assert list(year.options) == ["2014", "2016", "2018"]
    pairs = {
        (link.source[0].model_id, link.source[1], link.target[0].model_id, link.target[1]) for link in w.links
    }
    expected = {(country.model_id, "index", w.stack.model_id, "selected_index")} | {
        (year.model_id, "index", inner.model_id, "selected_index") for inner in w.stack.children
    }
    assert pairs == expected
    # jslink: the link is a widget model that runs in the browser, not a Python observer
    assert all(type(link).__name__ == "Link" and link._model_name == "LinkModel" for link in w.links)


def test_default_state_is_selected_everywhere(two_control):
    w, _ = two_control
    assert w.control_widgets["country"].index == 0
    assert w.control_widgets["year"].index == 1  # 2016
    assert w.stack.selected_index == 0
    assert [inner.selected_index for inner in w.stack.children] == [1, 1]
    assert w.selected_state().values == {"country": "JP", "year": 2016}
    assert w.default == {"country": "JP", "year": 2016}


def test_without_default_the_first_options_are_shown():
    w = static_widget(make_draw([]), controls(), caption="c", alt=alt)
    w.widget  # noqa: B018
    assert w.selected_state().values == {"country": "JP", "year": 2014}


def test_changing_a_control_selects_the_matching_state(two_control):
    w, _ = two_control
    w.control_widgets["country"].index = 1
    w.control_widgets["year"].index = 2
    assert w.selected_state().values == {"country": "RU", "year": 2018}


def test_embedded_images_are_palette_pngs_at_screen_dpi(two_control):
    w, _ = two_control
    for st in w.states:
        img_attrs = parse(st.html).imgs[0]
        _, data = data_uri_bytes(img_attrs["src"])
        with Image.open(io.BytesIO(data)) as img:
            assert img.mode == "P"  # quantised to a palette
            assert img.size == (4 * style.SCREEN_DPI, round(2.5 * style.SCREEN_DPI))
        # the <img> carries the drawn size in CSS px (no layout shift), whatever SCREEN_DPI is
        assert (img_attrs["width"], img_attrs["height"]) == (str(img.size[0]), str(img.size[1]))
        assert len(data) < 40_000


def test_svg_format_embeds_svg():
    draw = make_draw([])
    w = static_widget(
        lambda country: draw(country, 2014),
        {"country": controls()["country"]},
        caption="c",
        alt=lambda country: f"chart {country}",
        image_format="svg",
    )
    w.widget  # noqa: B018
    header, data = data_uri_bytes(parse(w.states[0].html).imgs[0]["src"])
    assert header == "data:image/svg+xml;base64"
    assert data.lstrip().startswith(b"<?xml") and b"<svg" in data


def test_lines_use_the_okabe_ito_palette():
    seen = []

    def draw(n):
        fig = style.new_figure()
        ax = fig.add_subplot()
        for k in range(n):
            ax.plot([0, 1], [k, k + 1])
        seen.extend(line.get_color().lower() for line in ax.lines)
        return fig

    w = static_widget(draw, {"n": Choice("Lines", [("three", 3)])}, caption="c", alt=lambda n: f"{n} lines")
    w.widget  # noqa: B018
    okabe = {c.lower() for c in style.OKABE_ITO.values()}
    assert seen and set(seen) <= okabe
    assert seen == [c.lower() for c in style.PALETTE[:3]]


# -- display bundle: HTML + PDF -------------------------------------------------


def test_bundle_has_widget_view_and_default_image_and_no_repr(two_control):
    w, _ = two_control
    data, meta = w._repr_mimebundle_()
    assert data[WIDGET_VIEW]["model_id"] == w.widget.model_id
    png = base64.b64decode(data["image/png"])
    assert same_colour(png_corner_rgb(png), COUNTRY_RGB["JP"])  # the default state (Japan, 2016)
    with Image.open(io.BytesIO(png)) as img:
        assert img.size[0] == 4 * style.PRINT_DPI
    assert meta["image/png"]["alt"] == "Line chart for JP in 2016"
    for text in data.values():
        if isinstance(text, str):
            for repr_text in ("Stack(", "VBox(", "HTML(", "Dropdown(", "ToggleButtons("):
                assert repr_text not in text
    assert "Trade by year" in data["text/plain"]


def test_default_print_image_follows_default():
    w = static_widget(
        make_draw([]), controls(), caption="c", alt=alt, default={"country": "RU", "year": 2018}
    )
    data, _ = w._repr_mimebundle_()
    assert same_colour(png_corner_rgb(base64.b64decode(data["image/png"])), COUNTRY_RGB["RU"])


def test_caption_bundle_for_page_and_pdf(two_control):
    w, _ = two_control
    cap = w.caption_bundle()
    assert "Trade by year" in cap["text/html"] and "coursekit-caption" in cap["text/html"]
    md = cap["text/markdown"]
    assert "Trade by year" in md
    assert "Country: Japan; Year: 2016" in md  # the PDF says which state it prints
    assert "Line chart for JP in 2016" in md


def test_caption_is_escaped():
    w = static_widget(make_draw([]), controls(), caption="A <b> & *c*", alt=alt)
    cap = w.caption_bundle()
    assert "A &lt;b&gt; &amp; *c*" in cap["text/html"]
    assert r"A \<b\> & \*c\*" in cap["text/markdown"]


def test_display_emits_widget_bundle_then_caption(monkeypatch, two_control):
    import coursekit.widgets.static as widgets_module

    w, _ = two_control
    shown = []
    monkeypatch.setattr(widgets_module, "display", lambda obj, **kw: shown.append((obj, kw)))
    w._ipython_display_()
    assert len(shown) == 2
    (bundle, kw1), (caption, kw2) = shown
    assert kw1["raw"] and kw2["raw"]
    assert WIDGET_VIEW in bundle and "image/png" in bundle
    assert set(caption) == {"text/html", "text/markdown", "text/plain"}


def test_table_states_and_print_table():
    def draw(rows):
        return pd.DataFrame({"Year": [2017, 2018][:rows], "Value": [1.5, None][:rows]})

    w = static_widget(
        draw,
        {"rows": Choice("Rows", [("one", 1), ("two", 2)])},
        caption="A table",
        alt=lambda rows: f"Table of {rows} rows",
        default={"rows": 2},
    )
    w.widget  # noqa: B018
    assert "<table" in w.states[0].html and "2017" in w.states[0].html
    assert "2018" not in w.states[0].html and "2018" in w.states[1].html
    assert 'aria-label="Table of 2 rows"' in w.states[1].html
    data, _ = w._repr_mimebundle_()
    assert "image/png" not in data
    assert "2018" in data["text/markdown"] and "(no data)" in data["text/markdown"]
    assert w.caption_bundle()["text/plain"].startswith("Table:")


# -- table states with a figure for print ------------------------------------------

PRINT_RGB = (0, 158, 115)  # a background no other test figure uses


def table_with_print_figure(calls, *, default_rows=2):
    """A table widget whose states carry a PrintFigure; ``calls`` records each figure drawn."""
    from coursekit.explorers.charts import HtmlTable
    from coursekit.widgets import PrintFigure

    def chart(rows):
        calls.append(rows)
        fig = style.new_figure(figsize=(3, 2), facecolor=tuple(c / 255 for c in PRINT_RGB))
        fig.add_subplot().bar(["a", "b"], [1, rows])
        return fig

    def draw(rows):
        years = [2017, 2018][:rows]
        return HtmlTable(
            html="<table><tr><td>" + "</td><td>".join(map(str, years)) + "</td></tr></table>",
            text="\n".join(f"Year: {y}" for y in years),
            columns=["Year"],
            print_figure=PrintFigure(
                lambda: chart(rows), f"Bar chart of {rows} years", f"The printed chart counts {rows} years."
            ),
        )

    return static_widget(
        draw,
        {"rows": Choice("Rows", [("one", 1), ("two", 2)])},
        caption="Years table",
        alt=lambda rows: f"Table of {rows} rows",
        default={"rows": default_rows},
    )


def test_table_state_prints_its_figure_then_the_table_text():
    calls = []
    w = table_with_print_figure(calls)
    w.widget  # noqa: B018
    data, meta = w._repr_mimebundle_()
    png = base64.b64decode(data["image/png"])
    assert same_colour(png_corner_rgb(png), PRINT_RGB)
    with Image.open(io.BytesIO(png)) as img:
        assert img.size[0] == 3 * style.PRINT_DPI
    assert meta["image/png"]["alt"] == "Bar chart of 2 years"  # the figure's alt, not the table's
    assert calls == [2], "the print figure is drawn once, for the default state only"
    table = w.print_table_bundle()
    assert table["text/html"] == ""  # nothing extra on the web page
    assert "Year: 2017" in table["text/markdown"] and "Year: 2018" in table["text/markdown"]
    assert "text/markdown" not in data  # the table text is printed once, in its own output


def test_print_figure_follows_the_default_state():
    calls = []
    w = table_with_print_figure(calls, default_rows=1)
    assert w.print_alt() == "Bar chart of 1 years"
    assert "Year: 2018" not in w.print_table_bundle()["text/markdown"]
    assert calls == [1]


def test_print_figure_never_reaches_the_page():
    with_fig = table_with_print_figure([])
    with_fig.widget  # noqa: B018
    plain = static_widget(
        lambda rows: pd.DataFrame({"Year": [2017, 2018][:rows]}),
        {"rows": Choice("Rows", [("one", 1), ("two", 2)])},
        caption="Years table",
        alt=lambda rows: f"Table of {rows} rows",
        default={"rows": 2},
    )
    plain.widget  # noqa: B018
    for st in with_fig.states:
        assert "<img" not in st.html and "data:image" not in st.html
    assert plain.print_table_bundle() is None  # a plain table prints as text in the main bundle
    assert "text/markdown" in plain._repr_mimebundle_()[0]


def test_caption_of_a_table_with_print_figure():
    w = table_with_print_figure([])
    cap = w.caption_bundle()
    assert cap["text/html"].startswith('<p class="coursekit-caption"><strong>Table:')  # the page is unchanged
    md = cap["text/markdown"]
    assert md.startswith("**Figure:** Years table")
    assert "The printed chart counts 2 years." in md and "Bar chart of 2 years" in md
    assert "Rows: two" in md


def test_display_of_a_table_with_print_figure_emits_figure_caption_table(monkeypatch):
    import coursekit.widgets.static as widgets_module

    w = table_with_print_figure([])
    shown = []
    monkeypatch.setattr(widgets_module, "display", lambda obj, **kw: shown.append(obj))
    w._ipython_display_()
    assert len(shown) == 3
    bundle, caption, table = shown
    assert WIDGET_VIEW in bundle and "image/png" in bundle
    assert caption["text/markdown"].startswith("**Figure:**")
    assert table == {"text/html": "", "text/markdown": w.print_table_bundle()["text/markdown"]}
    assert "Year: 2018" in table["text/markdown"]


def test_bad_print_figures_get_clear_errors():
    from coursekit.explorers.charts import HtmlTable
    from coursekit.widgets import PrintFigure

    with pytest.raises(ValueError, match="PrintFigure.alt must be a non-empty string"):
        PrintFigure(lambda: None, " ", "c")
    with pytest.raises(ValueError, match="PrintFigure.caption"):
        PrintFigure(lambda: None, "a", "")
    with pytest.raises(TypeError, match="PrintFigure.draw must be a callable"):
        PrintFigure("chart.png", "a", "c")

    def widget(print_figure):
        return static_widget(
            lambda n: HtmlTable(html="<p>x</p>", text="x", columns=["x"], print_figure=print_figure),
            {"n": Choice("N", [("one", 1)])},
            caption="My table",
            alt=lambda n: "x",
        )

    with pytest.raises(TypeError, match=r"'My table': PrintFigure.draw\(\) returned str"):
        widget(PrintFigure(lambda: "not a figure", "a", "c")).widget  # noqa: B018
    with pytest.raises(TypeError, match="print_figure must be a coursekit.widgets.PrintFigure"):
        widget("a figure, honest").widget  # noqa: B018


# -- clear errors ---------------------------------------------------------------


def test_empty_option_set_is_refused():
    with pytest.raises(ValueError, match=r"'Year' has an empty option set"):
        Choice("Year", [])


def test_duplicate_display_labels_are_refused():
    with pytest.raises(ValueError, match="repeats display labels"):
        Choice("Year", [("2018", 2018), ("2018", 2019)])


def test_unknown_default_value_is_refused():
    with pytest.raises(ValueError, match=r"default for control 'year' is 2015.*\[2014, 2016, 2018\]"):
        static_widget(make_draw([]), controls(), caption="c", alt=alt, default={"year": 2015})


def test_unknown_control_name_in_default_is_refused():
    with pytest.raises(ValueError, match=r"unknown control\(s\) \['yaer'\].*\['country', 'year'\]"):
        static_widget(make_draw([]), controls(), caption="c", alt=alt, default={"yaer": 2016})


def test_too_large_grid_is_refused_naming_sizes_and_limit():
    calls = []
    big = {
        "country": Choice("Country", [(f"c{i}", i) for i in range(5)]),
        "year": Choice("Year", [(str(y), y) for y in range(2009, 2019)]),
    }
    with pytest.raises(ValueError) as err:
        static_widget(make_draw(calls), big, caption="c", alt=lambda **s: "x")
    msg = str(err.value)
    assert "country (5) × year (10) = 50" in msg and "max_states=40" in msg
    assert calls == []  # refused before drawing anything


def test_max_states_can_be_lowered():
    with pytest.raises(ValueError, match="max_states=4"):
        static_widget(make_draw([]), controls(), caption="c", alt=alt, max_states=4)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"controls": {}}, "at least one control"),
        ({"controls": {k: Choice(k, [("a", 1)]) for k in "abcd"}}, "at most 3 controls"),
        ({"caption": "  "}, "caption must be a non-empty string"),
        ({"alt": lambda country, year: ""}, "every state needs alt text"),
        ({"live": {"year": ipywidgets.IntSlider()}}, "named both as a discrete control and a live control"),
        ({"image_format": "gif"}, "image_format must be"),
    ],
)
def test_other_bad_arguments_get_clear_errors(kwargs, message):
    args = {"controls": controls(), "caption": "c", "alt": alt, **kwargs}
    with pytest.raises((ValueError, TypeError), match=message):
        static_widget(make_draw([]), args.pop("controls"), **args)


def test_draw_returning_something_else_is_a_type_error():
    w = static_widget(lambda n: 42, {"n": Choice("N", [("one", 1)])}, caption="c", alt=lambda n: "x")
    with pytest.raises(TypeError, match="returned int"):
        w.widget  # noqa: B018


def test_draw_failure_names_the_state():
    def draw(n):
        raise KeyError("no data for this year")

    w = static_widget(draw, {"n": Choice("N", [("one", 1)])}, caption="My chart", alt=lambda n: "x")
    with pytest.raises(KeyError) as err:
        w.widget  # noqa: B018
    assert any("{'n': 1}" in note and "My chart" in note for note in err.value.__notes__)


# -- live kernel ----------------------------------------------------------------


def test_live_kernel_detection(monkeypatch):
    from coursekit.widgets import live_kernel

    monkeypatch.delenv("COURSE_LIVE", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert live_kernel() is False
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/jovyan/chapters/x.md")
    assert live_kernel() is True
    monkeypatch.setenv("COURSE_LIVE", "0")
    assert live_kernel() is False
    monkeypatch.setenv("COURSE_LIVE", "maybe")
    with pytest.raises(ValueError, match="COURSE_LIVE"):
        live_kernel()


def test_live_callbacks_redraw_with_update_not_rebuild(monkeypatch):
    monkeypatch.setenv("COURSE_LIVE", "1")
    draws, updates = [], []

    def draw(country, scale):
        draws.append((country, scale))
        fig = style.new_figure()
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, scale])
        return fig

    def update(fig, country, scale):
        updates.append((country, scale))
        fig.axes[0].lines[0].set_ydata([0, scale])

    slider = ipywidgets.FloatSlider(value=1.0, min=0, max=5, description="Scale")
    w = static_widget(
        draw,
        {"country": controls()["country"]},
        caption="c",
        alt=lambda country, scale: f"{country} scaled by {scale}",
        live={"scale": slider},
        update=update,
    )
    view = w.live_view()
    assert w.widget is view.root and "coursekit-live" in view.root._dom_classes
    assert 'alt="JP scaled by 1.0"' in view.output.value
    slider.value = 2.5
    assert 'alt="JP scaled by 2.5"' in view.output.value
    view.controls["country"].index = 1
    assert 'alt="RU scaled by 2.5"' in view.output.value
    assert draws == [("JP", 1.0)]  # one real draw, the rest moved artists
    assert updates == [("JP", 2.5), ("RU", 2.5)]
    assert view.redraw_count == 3


def test_live_without_update_redraws_from_scratch(monkeypatch):
    monkeypatch.setenv("COURSE_LIVE", "1")
    draws = []
    slider = ipywidgets.IntSlider(value=1, min=1, max=3, description="n")

    def draw(n):
        draws.append(n)
        return style.new_figure()

    w = static_widget(
        lambda k, n: draw(n),
        {"k": Choice("K", [("only", 0)])},
        caption="c",
        alt=lambda k, n: f"n={n}",
        live={"n": slider},
    )
    view = w.live_view()
    slider.value = 3
    assert draws == [1, 3]
    assert 'alt="n=3"' in view.output.value


def test_static_page_notes_live_only_controls():
    slider = ipywidgets.FloatSlider(value=10, description="Tariff (%)")
    w = static_widget(
        lambda country, tariff: style.new_figure(),
        {"country": controls()["country"]},
        caption="c",
        alt=lambda country, tariff: f"{country} at {tariff:g}%",
        live={"tariff": slider},
    )
    assert w.states[0].alt == "JP at 10%"  # static states use the slider's initial value
    assert "Tariff (%)" in w.caption_bundle()["text/html"]


# -- LaTeX builder: the PDF gets the default figure, never a widget repr ----------------

LATEX_PAGE = """# Widgets in print

```{code-cell} ipython3
:tags: [remove-input]
from coursekit import style
from coursekit.quiz import multiple_choice
from coursekit.widgets import Choice, static_widget


def draw(country):
    fig = style.new_figure(figsize=(3, 2))
    fig.add_subplot().plot([0, 1], [0, 1 if country == "JP" else 2])
    return fig


static_widget(draw, {"country": Choice("Country", [("Japan", "JP"), ("Russia", "RU")])},
              caption="Printed caption text", alt=lambda country: f"Chart for {country}",
              default={"country": "RU"})
```

```{code-cell} ipython3
:tags: [remove-input]
multiple_choice("Printed question?", ["First option", "Second option"], 1,
                ["Feedback one", "Feedback two"])
```
"""


@pytest.mark.build
def test_latex_build_prints_default_figure_caption_and_quiz_without_repr(tmp_path):
    from tests.helpers import NOTEBOOK_HEADER, build_book, make_scratch_book

    book = make_scratch_book(
        tmp_path / "book",
        {"index": "# Scratch book\n\nOne page of widgets.\n", "widgets": NOTEBOOK_HEADER + LATEX_PAGE},
    )
    result = build_book(book, tmp_path / "out", builder="latex", in_process=True)
    assert result.returncode == 0, result.tail()
    latex_dir = tmp_path / "out" / "_build" / "latex"
    tex_files = list(latex_dir.glob("*.tex"))
    assert tex_files, f"no .tex written; log:\n{result.tail()}"
    tex = "\n".join(p.read_text(encoding="utf-8") for p in tex_files)
    out = tex[tex.index("Widgets in print") :]  # skip the preamble
    graphics = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{([^}]+)\}(\.\w+)\}", out)
    assert len(graphics) == 1, f"expected one figure, found {graphics}"
    stem, ext = graphics[0]
    image = latex_dir / f"{stem}{ext}"
    assert image.is_file()
    with Image.open(image) as img:
        assert img.size[0] == 3 * style.PRINT_DPI  # the print-resolution default image
    assert "Printed caption text" in out
    assert "Printed view: Country: Russia" in out and "Chart for RU" in out
    assert "Printed question?" in out and "First option" in out and "Second option" in out
    for leaked in (
        "Feedback one",
        "Feedback two",
        "Correct",
        "Stack(",
        "VBox(",
        "RadioButtons(",
        "Dropdown(",
        "HTML(value",
        "widget-view",
        "IPY_MODEL",
    ):
        assert leaked not in out, f"{leaked!r} leaked into the LaTeX output"


def test_figure_note_goes_under_the_image_as_escaped_html_live_static_and_in_print(monkeypatch):
    from coursekit.widgets import set_figure_note

    def draw(country):
        fig = style.new_figure()
        fig.add_subplot().plot([0, 1], [0, 1])
        set_figure_note(fig, f"Source <{country}> & co.")
        return fig

    def make():
        return static_widget(
            draw, {"country": controls()["country"]}, caption="c", alt=lambda country: f"chart {country}"
        )

    note = '<p class="coursekit-figure-note" style="font-size:0.85em;line-height:1.4;margin:0.3em 0 0">'
    monkeypatch.setenv("COURSE_LIVE", "1")
    view = make().live_view()
    value = view.output.value
    assert note + "Source &lt;JP&gt; &amp; co.</p>" in value
    assert value.index("<img") < value.index("Source &lt;JP&gt;")
    view.controls["country"].index = 1
    assert "Source &lt;RU&gt; &amp; co." in view.output.value and "&lt;JP&gt;" not in view.output.value
    monkeypatch.setenv("COURSE_LIVE", "0")
    w = make()
    w.static_widget()
    for st, country in zip(w.states, ["JP", "RU"]):
        assert st.html.index("<img") < st.html.index(f"{note}Source &lt;{country}&gt; &amp; co.</p>")
    printed = w.caption_bundle()["text/markdown"]
    assert "*Printed view: Country: Japan. Note: Source \\<JP\\> & co. Description: chart JP*" in printed


def test_static_states_draw_outside_live_mode(monkeypatch):
    from coursekit.widgets import drawing_live

    monkeypatch.setenv("COURSE_LIVE", "0")
    seen = []

    def draw(country):
        seen.append(drawing_live())
        fig = style.new_figure()
        fig.add_subplot()
        return fig

    w = static_widget(
        draw, {"country": controls()["country"]}, caption="c", alt=lambda country: f"chart {country}"
    )
    w.static_widget()
    assert seen and not any(seen)
    assert all("coursekit-figure-note" not in st.html for st in w.states)  # no note given
