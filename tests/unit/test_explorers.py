"""Tests of the chapter explorers (coursekit.explorers).

Expected values are computed here from the raw CSV files with the csv module,
not from coursekit.data or the explorers, so a wrong filter or formula in the
code under test shows up as a mismatch.
"""

from __future__ import annotations

import csv
import html
import math
from pathlib import Path

import pytest

from coursekit import explorers
from coursekit.explorers import registry
from tests.unit.rendered import USES, rendered

DATA = Path(__file__).resolve().parents[2] / "data"


def rows(name: str) -> list[dict]:
    with (DATA / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(autouse=True)
def static_mode(monkeypatch):
    """Explorers are tested as the book builds them: pre-rendered, no live kernel."""
    monkeypatch.setenv("COURSE_LIVE", "0")


#: A fresh widget for each chapter call (USES: every interactive call, from the registry).
BUILDERS = {uid: (lambda u=u: registry.build(u)) for uid, u in USES.items()}
FORECAST_CLAIMS = "claims_explorer[kind=forecast]"


def built(name: str):
    """The widget, pre-rendered once per process (tests/unit/rendered.py); pre-rendering raises
    if any state fails or the widget is over its size budget."""
    return rendered(name).widget


def state(w, **values):
    """The pre-rendered state whose control values equal ``values`` (exactly one must match)."""
    found = [s for s in w.states if all(s.values[k] == v for k, v in values.items())]
    assert len(found) == 1, f"{len(found)} states match {values}"
    return found[0]


def default(w):
    return w.states[w.default_index]


# ---------------------------------------------------------------- generic properties


@pytest.mark.parametrize("name", list(BUILDERS))
def test_builds_with_one_state_per_option_combination(name):
    w = built(name)
    expected = math.prod(len(ch.options) for ch in w.controls.values())
    assert len(w.states) == expected
    assert 1 <= expected <= 40


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_state_has_distinct_nonempty_alt_text_and_content(name):
    w = built(name)
    alts = [s.alt for s in w.states]
    assert all(a.strip() for a in alts)
    assert len(set(alts)) == len(alts), "two different states share the same alt text"
    assert all(s.html and s.nbytes > 0 for s in w.states)
    assert w.caption.strip()


#: Explorers whose states are tables: each must also carry a figure for print.
TABLE_EXPLORERS = ("forecast_scorecard", "timeline_explorer", "claims_explorer", FORECAST_CLAIMS)


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_explorer_prints_a_figure_with_alt_text(name):
    # The PDF must show every widget as a figure, never as text alone.
    w = built(name)
    mime, payload = w.default_print()
    assert mime == "image/png"
    assert payload[:8] == b"\x89PNG\r\n\x1a\n"
    data, meta = w._repr_mimebundle_()
    assert meta["image/png"]["alt"].strip()
    assert w.caption_bundle()["text/markdown"].startswith("**Figure:**")


@pytest.mark.parametrize("name", TABLE_EXPLORERS)
def test_table_explorers_print_figure_then_table_text_and_keep_the_page(name):
    w = built(name)
    table = w.print_table_bundle()
    assert table is not None and table["text/html"] == ""
    assert table["text/markdown"].startswith("```text\n") and len(table["text/markdown"]) > 40
    if name != "timeline_explorer":  # the timeline's state alt already describes its chart
        assert w.print_alt() != default(w).alt  # the figure has its own description
    assert w.print_alt() in w.caption_bundle()["text/markdown"].replace("\\", "")
    # the print figure is not embedded in the page: only the timeline's own chart is
    imgs = [s.html.count("<img") for s in w.states]
    assert imgs == [1 if name == "timeline_explorer" else 0] * len(w.states)


@pytest.mark.parametrize("name", TABLE_EXPLORERS)
def test_printed_table_lines_fit_the_pdf_verbatim_width(name):
    # The PDF's verbatim blocks hold about 80 characters a line; longer lines get broken with a mark.
    text = built(name).print_table_bundle()["text/markdown"]
    too_long = [line for line in text.splitlines() if len(line) > 80]
    assert too_long == []


def png_rgb_set(png: bytes) -> set:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        return {c for _, c in img.convert("RGB").getcolors(maxcolors=1 << 20)}


def test_claims_print_figure_counts_every_verdict_of_the_default_filter():
    claims = rows("claims")
    w = built("claims_explorer")
    alt = w.print_alt()
    assert f"{len(claims)} claim(s)" in alt
    verdicts = {r["verdict"] for r in claims}
    for v in verdicts:
        n = sum(1 for r in claims if r["verdict"] == v)
        assert f" {n} {v.replace('_', ' ')}" in alt, v
    # one Okabe-Ito colour per verdict group (published hex values), all four groups present in the ledger
    colours = png_rgb_set(w.default_print()[1])
    for hexcode in ("#009E73", "#E69F00", "#D55E00", "#56B4E9"):
        rgb = tuple(int(hexcode[i : i + 2], 16) for i in (1, 3, 5))
        assert any(all(abs(a - b) <= 3 for a, b in zip(rgb, c)) for c in colours), hexcode


def test_forecast_claims_print_figure_counts_only_forecasts():
    fc = forecasts()
    alt = built(FORECAST_CLAIMS).print_alt()
    assert f"{len(fc)} claim(s)" in alt
    for v in {r["verdict"] for r in fc}:
        assert f" {sum(1 for r in fc if r['verdict'] == v)} {v.replace('_', ' ')}" in alt
    absent = {r["verdict"] for r in rows("claims")} - {r["verdict"] for r in fc}
    assert absent
    for v in absent:  # no bar (and no zero bar) for verdicts no forecast has
        assert v.replace("_", " ") not in alt


def test_scorecard_print_figure_places_every_forecast_under_its_verdict():
    fc = forecasts()
    alt = built("forecast_scorecard").print_alt()
    assert f"{len(fc)} forecasts" in alt
    for v in {r["verdict"] for r in fc}:
        ids = ", ".join(r["claim_id"] for r in fc if r["verdict"] == v)
        assert f"{v.replace('_', ' ')}: {ids}" in alt
    # the web page still hides each outcome until a prediction is made (see the scorecard test below)


def test_timeline_prints_its_own_chart():
    w = built("timeline_explorer")
    dated = [r for r in rows("timeline") if r["date"]]
    assert f"{len(dated)} dated event(s) plotted" in w.print_alt()
    assert "timeline chart" in w.caption_bundle()["text/markdown"]


def test_pages_stay_within_the_size_budget():
    # Chapter 03 shows two explorers, chapter 05 two, chapter 08 one plus the static table.
    for group in (
        ("trade_explorer", "route_comparison"),
        ("tariff_calculator", "trade_scale_chart"),
        ("payoff_game", "strategic_triangle"),
    ):
        total = sum(s.nbytes for n in group for s in built(n).states)
        assert total < 1_300_000, f"{group}: {total} bytes of embedded states"


# ---------------------------------------------------------------- defaults


def test_defaults_are_what_the_chapters_show_first():
    assert built("trade_explorer").default == {"pair": "japan_russia", "flow": "both", "period": (2000, 2020)}
    assert built("route_comparison").default == {"metric": ("transit_time", "days"), "season": "summer"}
    assert built("timeline_explorer").default == {"period": None, "kind": "all"}
    threatened = [float(r["rate_percent"]) for r in rows("tariffs") if r["status"] == "threatened"]
    assert built("tariff_calculator").default == {
        "rate": threatened[0],
        "elasticity": 1.3,
        "pass_through": 1.0,
    }
    assert built("trade_scale_chart").default == {"flow": "both", "scale": "linear", "source": "dots"}
    assert built("payoff_game").default == {"game": "constant", "mark": "nash"}
    assert built("strategic_triangle").default == {"rj": True, "rc": True, "jc": False}
    assert built("claims_explorer").default == {"kind": "all", "section": "all"}
    first_forecast = next(int(r["claim_id"]) for r in rows("claims") if r["kind"] == "forecast")
    assert built("forecast_scorecard").default == {"claim_id": first_forecast, "prediction": None}


# ---------------------------------------------------------------- trade explorer


def dots_years(pair, reporter=None):
    return sorted(
        {
            int(r["year"])
            for r in rows("trade")
            if r["pair"] == pair
            and r["compiler"] == "IMF DOTS"
            and r["period"] == "CY"
            and (reporter is None or r["reporter"] == reporter)
        }
    )


def test_trade_default_alt_names_first_and_last_year_with_data():
    years = [y for y in dots_years("japan_russia") if 2000 <= y <= 2020]
    alt = default(built("trade_explorer")).alt
    assert f"{years[0]}–{years[-1]}" in alt
    assert "Japan" in alt and "Russia" in alt  # one series per reporter


def test_trade_alt_lists_the_missing_years_of_a_period():
    # Japan's exports to China, yen figures 2016-2025: the MOF rows stop in 2017, so 2018-2025 is a gap
    have = {
        int(r["year"])
        for r in rows("trade")
        if r["pair"] == "japan_china"
        and r["compiler"] == "Japan MOF"
        and r["period"] == "CY"
        and r["unit"] == "JPY billion"
        and r["reporter"] == "Japan"
        and r["flow"] == "export"
    }
    assert have == {2017}, "the test expects one yen figure, 2017, in the 2016-2025 window"
    alt = state(built("trade_explorer"), pair="japan_china", flow="ab", period=(2016, 2025, "mof")).alt
    assert "Years with no figure: 2016, 2018–2025. The lines break at those years" in alt


def as_published(raw: str) -> str:
    """'4554.377322' -> '4,554.377322': every digit of the CSV cell, thousands separated."""
    whole, _, frac = raw.partition(".")
    frac = frac.rstrip("0")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def test_trade_direction_uses_mirror_flows_with_unrounded_extremes():
    # Japan -> Russia: Japan's exports (FOB) against Russia's imports from Japan (CIF).
    def series(reporter, flow):
        return {
            int(r["year"]): r["value"]
            for r in rows("trade")
            if r["pair"] == "japan_russia"
            and r["compiler"] == "IMF DOTS"
            and r["reporter"] == reporter
            and r["flow"] == flow
            and 2000 <= int(r["year"]) <= 2020
        }

    alt = state(built("trade_explorer"), pair="japan_russia", flow="ab", period=(2000, 2020)).alt
    assert "reported by Japan (its exports, FOB)" in alt
    assert "reported by Russia (its imports, CIF)" in alt
    for reporter, flow in (("Japan", "export"), ("Russia", "import")):
        s = series(reporter, flow)
        lo = min(s, key=lambda y: float(s[y]))
        hi = max(s, key=lambda y: float(s[y]))
        assert f"lowest {as_published(s[lo])} in {lo}" in alt
        assert f"highest {as_published(s[hi])} in {hi}" in alt


# ---------------------------------------------------------------- route comparison


def test_route_figures_match_the_csv_and_nothing_is_dropped_silently():
    shown_routes = {"suez", "northern_sea_route", "trans_siberian_sea_rail"}
    km = [
        r
        for r in rows("routes")
        if r["metric"] == "distance" and r["unit"] == "km" and r["route"] in shown_routes
    ]
    assert all(r["season"] == "" for r in km)  # distances carry no season, so both seasons show them all
    for season in ("summer", "winter"):
        assert (
            f"{len(km)} figures"
            in state(built("route_comparison"), metric=("distance", "km"), season=season).alt
        )
    weeks = [
        r["route_row_id"]
        for r in rows("routes")
        if r["metric"] == "transit_time" and r["unit"] != "days" and r["route"] in shown_routes
    ]
    alt = default(built("route_comparison")).alt
    for rid in weeks:
        assert rid in alt


def test_route_seasonal_row_appears_only_in_its_season():
    jul_oct = [
        r["route_row_id"]
        for r in rows("routes")
        if r["season"] == "Jul-Oct" and r["metric"] == "transit_time"
    ]
    assert jul_oct
    winter = state(built("route_comparison"), metric=("transit_time", "days"), season="winter").alt
    summer = state(built("route_comparison"), metric=("transit_time", "days"), season="summer").alt
    for rid in jul_oct:
        assert rid in winter and "Not shown (stated season outside" in winter
        assert rid not in summer


def test_season_months_parses_the_stated_seasons():
    assert explorers.season_months("Jul-Oct") == {7, 8, 9, 10}
    assert explorers.season_months("Sep 2025 (one voyage)") == {9}
    assert explorers.season_months("2 Aug-28 Oct 2020") == {8, 9, 10}
    assert explorers.season_months("Nov-Feb") == {11, 12, 1, 2}
    assert explorers.season_months("2-4 months without icebreakers") is None


# ---------------------------------------------------------------- timeline


def test_timeline_all_years_counts_dated_and_undated_rows():
    tl = rows("timeline")
    dated = [r for r in tl if r["date"]]
    undated = [r for r in tl if not r["date"]]
    st = default(built("timeline_explorer"))
    assert f"{len(dated)} dated event(s) plotted" in st.alt
    assert f"{len(undated)} undated row(s) listed in the table" in st.alt
    for r in undated:  # listed with their precision, never at an invented date
        assert html.escape(r["place"]) in st.html
    assert st.html.count("(no date given)") == len(undated)


def test_timeline_period_filter_matches_the_csv():
    meetings = [
        r for r in rows("timeline") if r["kind"] == "abe_putin_meeting" and "2013" <= r["date"][:4] <= "2015"
    ]
    assert meetings and all(r["date_precision"] == "day" for r in meetings)
    from coursekit.explorers.timeline import Timeline

    period = next(p for lab, p in Timeline.load().periods() if lab == "2013–2015")
    st = state(built("timeline_explorer"), period=period, kind="Abe–Putin meetings")
    assert f"{len(meetings)} dated event(s) plotted" in st.alt
    assert "(no date given)" not in st.html  # undated rows are not assigned to a period


# ---------------------------------------------------------------- tariff calculator


@pytest.mark.parametrize("elasticity", [e for _, e in explorers.ELASTICITIES])
def test_tariff_state_equals_the_formula(elasticity):
    rates = {r["tariff_id"]: float(r["rate_percent"]) for r in rows("tariffs")}
    base, threat = rates["baseline_mfn"], rates["threat_2018"]
    expected = -elasticity * (threat - base) / (100 + base) * 100
    alt = state(built("tariff_calculator"), rate=threat, elasticity=elasticity, pass_through=1.0).alt
    assert f"change by {expected:+.1f}%" in alt
    half = state(built("tariff_calculator"), rate=threat, elasticity=elasticity, pass_through=0.5).alt
    assert f"change by {expected / 2:+.1f}%" in half
    baseline = state(built("tariff_calculator"), rate=base, elasticity=elasticity, pass_through=1.0).alt
    assert "change by +0.0%" in baseline


def test_tariff_alt_cites_the_base_year_import_figure_and_flags_the_straight_line_limit():
    base = next(
        r
        for r in rows("autos")
        if r["measure"] == "us_imports_from_japan_autos_and_parts" and r["year"] == "2017"
    )
    alt = default(built("tariff_calculator")).alt
    assert f"USD {base['value']} billion" in alt
    top = max(float(r["rate_percent"]) for r in rows("tariffs"))
    big = state(built("tariff_calculator"), rate=top, elasticity=6.0, pass_through=1.0).alt
    assert "passes −100%" in big


def test_tariff_effect_function():
    dp, dq = explorers.tariff_effect(25, 2.5, 2.0, 0.5)
    assert dp == pytest.approx(0.5 * 22.5 / 102.5 * 100)
    assert dq == pytest.approx(-2.0 * dp)


# ---------------------------------------------------------------- trade scale


def test_scale_alt_states_the_ratio_from_the_csv():
    def total(pair):
        out = {}
        for r in rows("trade"):
            if r["pair"] == pair and r["compiler"] == "IMF DOTS" and r["reporter"] == "Japan":
                out[int(r["year"])] = out.get(int(r["year"]), 0.0) + float(r["value"])
        return out

    us, ru = total("japan_us"), total("japan_russia")
    last = max(set(us) & set(ru))
    alt = default(built("trade_scale_chart")).alt
    assert f"In {last}" in alt and f"{us[last] / ru[last]:.1f} times as large" in alt
    assert "log scale" in state(built("trade_scale_chart"), flow="both", scale="log", source="dots").alt


# ---------------------------------------------------------------- payoff game and triangle


def test_payoff_games_are_constant_and_positive_sum_with_the_right_equilibria():
    const, pos = explorers.PAYOFFS["constant"], explorers.PAYOFFS["positive"]
    assert len({a + b for row in const for a, b in row}) == 1
    assert len({a + b for row in pos for a, b in row}) > 1

    def nash(p):  # best replies, written independently of the code under test
        cells = set()
        for r in range(2):
            for c in range(2):
                if p[r][c][0] == max(p[0][c][0], p[1][c][0]) and p[r][c][1] == max(p[r][0][1], p[r][1][1]):
                    cells.add((r, c))
        return cells

    assert explorers.pure_equilibria(const) == nash(const) == {(1, 1)}
    assert explorers.pure_equilibria(pos) == nash(pos) == {(0, 0), (1, 1)}
    alt = state(built("payoff_game"), game="positive", mark="nash").alt
    assert alt.count("Country A: cooperate, Country B: cooperate") == 2  # listed and marked
    assert "illustrative" in alt


@pytest.mark.parametrize(
    "edges, pattern",
    [
        ((True, True, True), "Ménage à trois"),
        ((False, False, False), "Unit veto"),
        ((True, False, False), "Stable marriage"),
        ((True, True, False), "Romantic triangle"),
    ],
)
def test_triangle_names_dittmers_patterns(edges, pattern):
    rj, rc, jc = edges
    alt = state(built("strategic_triangle"), rj=rj, rc=rc, jc=jc).alt
    assert f"Pattern: {pattern}." in alt
    assert alt.count("solid line") == sum(edges) and alt.count("dashed line") == 3 - sum(edges)


def test_triangle_pivot_is_the_actor_with_two_friends():
    alt = state(built("strategic_triangle"), rj=True, rc=False, jc=True).alt  # Japan friendly with both
    assert "Japan is the pivot" in alt
    assert (
        "Dittmer" in built("strategic_triangle").caption
        and "World Politics 33(4)" in built("strategic_triangle").caption
    )


# ---------------------------------------------------------------- claims, forecasts, scorecard


def forecasts():
    return [r for r in rows("claims") if r["kind"] == "forecast" or "forecast" in r["kind_detail"].lower()]


def test_claims_explorer_counts_match_the_csv():
    claims = rows("claims")
    w = built("claims_explorer")
    for kind in ("fact", "interpretation", "normative"):
        for section in ("all", "rapprochement"):
            n = sum(1 for r in claims if r["kind"] == kind and section in ("all", r["section"]))
            if n:
                assert f": {n} row(s)" in state(w, kind=kind, section=section).alt
    assert f": {len(claims)} row(s)" in state(w, kind="all", section="all").alt


def test_claims_explorer_with_fixed_kind_drops_that_control_and_lists_every_forecast():
    w = built(FORECAST_CLAIMS)
    assert "kind" not in w.controls and set(w.controls) == {"section", "verdicts"}
    st = state(w, section="all", verdicts="all")
    fc = forecasts()
    assert f": {len(fc)} row(s)" in st.alt
    for r in fc:
        assert html.escape(r["claim"]) in st.html
    nbo = [r for r in fc if r["verdict"] == "not_borne_out"]
    group = next(v for lab, v in explorers.VERDICT_GROUPS if "not_borne_out" in v)
    only = [r for r in fc if r["verdict"] in group]
    assert nbo and f": {len(only)} row(s)" in state(w, section="all", verdicts=group).alt


def test_claims_explorer_rejects_unknown_arguments():
    with pytest.raises(ValueError, match="kind='prophecy'"):
        explorers.claims_explorer(kind="prophecy")
    with pytest.raises(ValueError, match="section='epilogue'"):
        explorers.claims_explorer(section="epilogue")


def test_forecast_table_lists_every_forecast_in_html_and_markdown():
    t = explorers.forecast_table()
    page, md = t._repr_html_(), t._repr_markdown_()
    fc = forecasts()
    assert page.count("<tr>") == len(fc) + 1  # header row + one per forecast
    for r in fc:
        assert html.escape(r["claim"]) in page
        assert f"**{r['claim_id']}. " in md
        for sid in r["evidence"].split():
            assert sid in page and sid in md
    bundle = t._repr_mimebundle_()
    assert {"text/html", "text/markdown", "text/plain"} <= set(bundle)


def test_scorecard_hides_the_outcome_until_a_prediction_is_made():
    w = built("forecast_scorecard")
    fc = forecasts()
    assert len(w.controls["claim_id"].options) == len(fc)
    for r in fc:
        hidden = state(w, claim_id=int(r["claim_id"]), prediction=None)
        assert html.escape(r["note"]) not in hidden.html and r["note"] not in hidden.alt
        shown = state(w, claim_id=int(r["claim_id"]), prediction=True)
        assert html.escape(r["note"]) in shown.html
        assert r["verdict"].replace("_", " ") in shown.alt
    supported = next(r for r in fc if r["verdict"] == "borne_out")
    assert "matches the verdict" in state(w, claim_id=int(supported["claim_id"]), prediction=True).alt
    assert "does not match" in state(w, claim_id=int(supported["claim_id"]), prediction=False).alt


def test_an_unknown_timeline_kind_is_a_clear_error(monkeypatch):
    from coursekit import data

    real = data.load

    def with_new_kind(name, **kw):
        frame = real(name, **kw)
        if name != "timeline":
            return frame
        frame = frame.copy()
        frame["kind"] = frame["kind"].astype(str)
        frame.loc[frame.index[0], "kind"] = "space_race"
        return frame

    monkeypatch.setattr(data, "load", with_new_kind)
    with pytest.raises(ValueError, match=r"timeline\.csv, field 'kind'.*space_race"):
        explorers.timeline_explorer()


# ---------------------------------------------------------------- live updates (update= path)

#: Explorers whose live view moves the artists of its figure instead of drawing a new one.
UPDATING = [
    "trade_explorer",
    "route_comparison",
    "tariff_calculator",
    "trade_scale_chart",
    "payoff_game",
    "strategic_triangle",
]


def _live_png(view):
    import base64
    import io
    import re

    import numpy as np
    from PIL import Image

    data = re.search(r'src="data:image/png;base64,([^"]+)"', view.output.value).group(1)
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"), dtype=np.int16)


def _fresh_png(w, state):
    """The state drawn from scratch, encoded as the live view encodes it."""
    import io

    import numpy as np
    from PIL import Image

    from coursekit.widgets import close_figure as _close
    from coursekit.widgets import fast_png, live_drawing

    with live_drawing():  # drawn as a live view draws it (footnote under the image, not in it)
        fig = w.draw(**state)
        try:
            data = fast_png(fig)
        finally:
            _close(fig)
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.int16)


@pytest.mark.parametrize("name", UPDATING)
def test_live_update_draws_the_same_picture_as_a_full_redraw(name, monkeypatch):
    monkeypatch.setenv("COURSE_LIVE", "1")
    w = BUILDERS[name]()
    view = w.live_view()
    compared = 0
    for control in view.controls.values():  # every option of every control, one change at a time
        for _ in range(len(control.options)):
            before = view.update_count
            control.index = (control.index + 1) % len(control.options)
            if view.update_count == before:
                continue  # this change needed a new figure (e.g. another number of bars)
            live, fresh = _live_png(view), _fresh_png(w, view.state())
            assert live.shape == fresh.shape, f"{name} {view.state()}: size differs from a full redraw"
            differing = (abs(live - fresh).max(axis=2) > 48).mean()
            assert differing < 0.002, (
                f"{name} {view.state()}: {differing:.2%} of pixels differ from a full redraw"
            )
            compared += 1
    assert compared >= 1, f"{name}: no control change went through update="


@pytest.mark.parametrize("name", UPDATING)
def test_live_redraws_reuse_the_figure(name, monkeypatch):
    monkeypatch.setenv("COURSE_LIVE", "1")
    view = BUILDERS[name]().live_view()
    fig = view.fig
    control = next(c for c in view.controls.values() if len(c.options) > 1)
    updates = view.update_count
    for _ in range(len(control.options)):
        control.index = (control.index + 1) % len(control.options)
        if view.update_count > updates:
            break
    assert view.update_count == updates + 1, f"{name}: no change of {control.description!r} moved the artists"
    assert view.fig is fig, f"{name}: the update path built a new figure"
    assert view.draw_count == 1  # only the first draw built a figure


def test_trade_chart_title_and_legend_fit_inside_the_figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from coursekit import style

    w = built("trade_explorer")
    for st in w.states:
        with style.style_context():
            fig = w.draw(**st.values)
            renderer = FigureCanvasAgg(fig).get_renderer()
            fig.canvas.draw()
            ax = fig.axes[0]
            for artist in (fig._suptitle, ax.get_legend()):  # the title is the figure's (charts.chart_title)
                box = artist.get_window_extent(renderer)
                assert box.x0 >= 0 and box.x1 <= fig.bbox.width, (
                    f"{st.values}: {type(artist).__name__} spans x {box.x0:.0f}–{box.x1:.0f} px, outside the "
                    f"figure's 0–{fig.bbox.width:.0f} px"
                )


# ---------------------------------------------------------------- footnotes (HTML, not figure text)

#: Charts with a footnote (source, gaps, an explanation): HTML under the image, never drawn.
FOOTNOTED = [
    "trade_explorer",
    "route_comparison",
    "tariff_calculator",
    "trade_scale_chart",
    "payoff_game",
    "strategic_triangle",
]


def _figure_texts(fig) -> list[str]:
    """Every text artist's text in ``fig`` (figure and axes), whitespace collapsed."""
    from matplotlib.text import Text

    return [" ".join(t.get_text().split()) for t in fig.findobj(Text) if t.get_text().strip()]


def _notes(markup: str) -> list[str]:
    import re

    found = re.findall(r'<p class="coursekit-figure-note"[^>]*>(.*?)</p>', markup, re.S)
    return [" ".join(html.unescape(x).split()) for x in found]


@pytest.mark.parametrize("name", FOOTNOTED)
def test_live_footnote_is_html_under_the_image_not_figure_text(name, monkeypatch):
    from coursekit import style
    from coursekit.explorers.charts import footnote as chart_footnote
    from coursekit.widgets import close_figure as _close

    monkeypatch.setenv("COURSE_LIVE", "1")
    w = BUILDERS[name]()
    view = w.live_view()
    for control in view.controls.values():  # the first draw, then every option through update= or draw
        for _ in range(len(control.options)):
            control.index = (control.index + 1) % len(control.options)
            with style.style_context():  # the same state as the static page draws it
                static = w.draw(**view.state())
                try:
                    footnote = chart_footnote(static)
                    static_texts = _figure_texts(static)
                finally:
                    _close(static)
            assert footnote, f"{name}: the chart gave no footnote"
            assert footnote not in static_texts, f"{name}: the static figure draws its footnote"
            notes = _notes(view.output.value)
            assert notes == [footnote], (
                f"{name} {view.state()}: live HTML notes {notes!r}, expected the footnote"
            )
            assert footnote not in _figure_texts(view.fig), f"{name} {view.state()}: footnote drawn live"
            assert view.output.value.index("<img") < view.output.value.index("coursekit-figure-note")


def test_live_tariff_note_names_the_source_of_the_scaled_figure(monkeypatch):
    monkeypatch.setenv("COURSE_LIVE", "1")
    base = [
        r
        for r in rows("autos")
        if r["measure"] == "us_imports_from_japan_autos_and_parts"
        and r["year"] == "2017"
        and r["period"] == "CY"
    ]
    assert len(base) == 1
    view = explorers.tariff_calculator().live_view()
    (text,) = _notes(view.output.value)
    assert f"source {base[0]['source_id']}" in text
    assert base[0]["source_id"] not in " ".join(_figure_texts(view.fig))


@pytest.mark.parametrize("name", FOOTNOTED)
def test_static_page_shows_the_footnote_under_the_image_and_the_pdf_in_the_caption(name):
    from coursekit.text import escape_markdown

    w = built(name)
    for st in w.states:
        notes = _notes(st.html)
        assert len(notes) == 1 and notes[0], f"{name} {st.labels}: {len(notes)} notes under the image"
        assert st.html.index("<img") < st.html.index("coursekit-figure-note")
    printed = w.caption_bundle()["text/markdown"]
    (note,) = _notes(default(w).html)
    assert f"Note: {escape_markdown(note)}" in printed


def test_the_scorecard_dates_its_verdicts_from_the_editions_setting(monkeypatch):
    """The scorecard's "as of" follows coursekit.course.AS_OF (one setting), not a date in the prose
    or in each claim's row; the month the record was checked to is named beside it."""
    from coursekit import course

    monkeypatch.setattr(course, "AS_OF", "2031-03")
    w = BUILDERS["forecast_scorecard"]()
    first = int(forecasts()[0]["claim_id"])
    shown = next(s for s in w.states if s.values == {"claim_id": first, "prediction": True})
    assert "as of March 2031 (record checked to " in shown.alt
    assert "March 2031" in w.print_alt()
