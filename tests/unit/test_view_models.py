"""The three model explorers' pure ``view(**state)``: tariff calculator, payoff game, triangle.

Fast (no widget is built, no state rendered). Expected values come from the CSV files read
with ``csv``, from the YAML texts read with ``yaml``, or are worked out by hand here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
import yaml

from coursekit.explorers import payoff, tariffs, triangle

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "coursekit" / "explorers"


def rows(name: str) -> list[dict]:
    with (ROOT / "data" / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def yml(stem: str) -> dict:
    return yaml.safe_load((TEXTS / f"{stem}.yml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- tariff calculator


@pytest.fixture(scope="module")
def tariff_inputs():
    return tariffs.TariffInputs.load()


def tariff_table() -> dict[str, dict]:
    return {r["tariff_id"]: r for r in rows("tariffs")}


def base_imports() -> dict:
    return next(
        r
        for r in rows("autos")
        if r["measure"] == "us_imports_from_japan_autos_and_parts"
        and r["year"] == "2017"
        and r["period"] == "CY"
    )


def effect(rate: float, base: float, elasticity: float, pass_through: float) -> tuple[float, float]:
    dp = pass_through * (rate - base) / (100 + base) * 100  # the formula in tariffs.yml's caption
    return dp, -elasticity * dp


def test_tariff_inputs_hold_the_baseline_rate_and_the_2017_import_figure(tariff_inputs):
    assert tariff_inputs.baseline == float(tariff_table()["baseline_mfn"]["rate_percent"])
    assert float(tariff_inputs.base["value"]) == float(base_imports()["value"])
    assert list(tariff_inputs.tariffs["rate_percent"]) == sorted(
        float(r["rate_percent"]) for r in rows("tariffs")
    )


def test_tariff_rate_labels_name_the_year_it_took_effect_else_was_announced(tariff_inputs):
    expected = []
    for r in sorted(rows("tariffs"), key=lambda r: float(r["rate_percent"])):
        rate = f"{float(r['rate_percent']):g}%"
        if r["tariff_id"] == "baseline_mfn":
            expected.append((f"{rate} baseline", float(r["rate_percent"])))
        else:
            year = (r["effective_date"] or r["announced_date"])[:4]
            expected.append((f"{rate} ({year})", float(r["rate_percent"])))
    assert tariff_inputs.rates() == expected
    # by hand, for the rows of 2026: the 2018 threat was never in force, so it is dated by its announcement
    assert ("25% (2018)", 25.0) in expected and ("27.5% (2025)", 27.5) in expected


def test_scaled_change_is_a_share_of_the_base_year_and_capped_at_minus_100(tariff_inputs):
    value = float(base_imports()["value"])
    assert tariff_inputs.scaled(-10.0) == pytest.approx(-value / 10)
    assert tariff_inputs.scaled(-100.0) == pytest.approx(-value)
    assert tariff_inputs.scaled(-250.0) == pytest.approx(-value)
    assert tariff_inputs.scaled(5.0) == pytest.approx(value / 20)
    assert str(tariff_inputs.scaled(0.0)) == "0.0"  # never '-0.0'


def test_tariff_effect_turns_minus_zero_into_zero():
    dp, dq = tariffs.tariff_effect(2.5, 2.5, 1.3, 1.0)
    assert (str(dp), str(dq)) == ("0.0", "0.0")


@pytest.mark.parametrize("elasticity, pass_through", [(1.3, 1.0), (6.0, 0.5)])
def test_tariff_view_bars_selection_title_and_box(tariff_inputs, elasticity, pass_through):
    table = tariff_table()
    base = float(table["baseline_mfn"]["rate_percent"])
    threat = float(table["threat_2018"]["rate_percent"])
    imports = base_imports()
    v = tariffs.view(tariff_inputs, rate=threat, elasticity=elasticity, pass_through=pass_through)
    ordered = sorted(float(r["rate_percent"]) for r in rows("tariffs"))
    assert v.chart["labels"] == [lab for lab, _ in tariff_inputs.rates()]
    assert v.chart["values"] == pytest.approx([effect(r, base, elasticity, pass_through)[1] for r in ordered])
    assert v.chart["selected"] == ordered.index(threat)
    assert v.chart["title"] == (
        "Simple partial-equilibrium illustration, not a forecast\n"
        f"elasticity {elasticity:g}, pass-through {pass_through * 100:g}%"
    )
    dp, dq = effect(threat, base, elasticity, pass_through)
    dv = float(imports["value"]) * max(dq, -100) / 100
    assert v.chart["box"] == yml("tariffs")["box"].format(
        baseline=base,
        dp=dp,
        dq=dq,
        year=2017,
        value=imports["value"],
        compiler=imports["compiler"],
        source_id=imports["source_id"],
        dv=dv,
    )


def test_tariff_alt_text_in_full(tariff_inputs):
    # worked by hand: 25 % replacing 2.5 %: price +22.5/102.5 = +21.95 %; imports -1.3 x that = -28.54 %;
    # of USD 55.88 billion (2017, autos and parts) that is -15.95 billion
    imports = base_imports()
    assert (imports["value"], imports["unit"]) == ("55.88", "USD billion")
    alt = tariffs.view(tariff_inputs, rate=25.0, elasticity=1.3, pass_through=1.0).alt
    assert alt == (
        "Bar chart, partial-equilibrium illustration. At a 25% tariff (baseline 2.5%), elasticity 1.3 and "
        "100% pass-through, the US buyer's price rises 22.0% and US imports of Japanese vehicles change by "
        "-28.5%; scaled to the 2017 figure of USD 55.88 billion (autos and parts) that is a change of about "
        "USD -15.9 billion."
    )


def test_tariff_alt_text_flags_a_change_past_minus_100(tariff_inputs):
    # 27.5 %, elasticity 6, full pass-through: price +25/102.5 = +24.39 %, imports -146.3 %: capped
    alt = tariffs.view(tariff_inputs, rate=27.5, elasticity=6.0, pass_through=1.0).alt
    assert "change by -146.3% (the straight-line formula passes −100%, so imports would stop; " in alt
    assert alt.endswith("that is a change of about USD -55.9 billion.")
    # exactly -100 % is not past the limit: 2.5 + 100 x 102.5 / (100 x 6) -> no such rate in the data,
    # so check the other side: 15 % with elasticity 6 and half pass-through stays far from it
    mild = tariffs.view(tariff_inputs, rate=15.0, elasticity=6.0, pass_through=0.5).alt
    assert "passes" not in mild and "half" not in mild


def test_tariff_calculator_defaults_to_the_threatened_rate(monkeypatch):
    captured = {}

    def fake_view_widget(view, draw, controls, **kw):
        captured.update(kw, controls=controls)
        return "widget"

    monkeypatch.setattr(tariffs, "view_widget", fake_view_widget)
    assert tariffs.tariff_calculator() == "widget"
    threat = next(r for r in rows("tariffs") if r["status"] == "threatened")
    assert captured["default"] == {
        "rate": float(threat["rate_percent"]),
        "elasticity": float(yml("tariffs")["elasticity"]["options"][0]["value"]),
        "pass_through": 1.0,
    }
    assert captured["caption"] == yml("tariffs")["caption"]
    assert captured["update"] is tariffs.update_tariff_bars
    c = captured["controls"]
    assert list(c) == ["rate", "elasticity", "pass_through"]
    assert c["rate"].label == "US tariff on Japanese cars"
    assert [o["label"] for o in yml("tariffs")["pass_through"]["options"]] == [
        lab for lab, _ in c["pass_through"].options
    ]


# ---------------------------------------------------------------- payoff game


COOP, ALONE = "cooperate", "go it alone"


def cell(a: str, b: str) -> str:
    return f"Country A: {a}, Country B: {b}"


def test_payoffs_are_read_from_the_yaml_as_nested_tuples():
    for game, grid in yml("payoff")["payoffs"].items():
        assert payoff.PAYOFFS[game] == tuple(tuple(tuple(c) for c in row) for row in grid)


def test_payoff_alt_text_lists_every_cell_and_the_marked_ones():
    cells = (
        f"{cell(COOP, COOP)}: 5 and 5; {cell(COOP, ALONE)}: 2 and 8; "
        f"{cell(ALONE, COOP)}: 8 and 2; {cell(ALONE, ALONE)}: 5 and 5."
    )
    head = "2×2 payoff matrix, constant-sum game (illustrative payoffs, Country A first): "
    assert payoff.view(game="constant", mark="none").alt == head + cells
    assert payoff.view(game="constant", mark="nash").alt == (
        head + cells + f" Marked as equilibria: {cell(ALONE, ALONE)}."
    )
    assert (
        payoff.view(game="constant", mark="total").alt
        == head + cells + " Marked as largest total: all four cells."
    )
    pos = payoff.view(game="positive", mark="nash").alt
    assert pos.endswith(f" Marked as equilibria: {cell(COOP, COOP)}; {cell(ALONE, ALONE)}.")
    assert payoff.view(game="positive", mark="total").alt.endswith(
        f"): {cell(COOP, COOP)}: 8 and 8; {cell(COOP, ALONE)}: 1 and 5; {cell(ALONE, COOP)}: 5 and 1; "
        f"{cell(ALONE, ALONE)}: 4 and 4. Marked as largest total: {cell(COOP, COOP)}."
    )


@pytest.mark.parametrize(
    "game, mark, marked, label",
    [
        ("constant", "none", set(), ""),
        ("constant", "nash", {(1, 1)}, "equilibrium"),
        ("constant", "total", {(0, 0), (0, 1), (1, 0), (1, 1)}, "largest total"),
        ("positive", "nash", {(0, 0), (1, 1)}, "equilibrium"),
        ("positive", "total", {(0, 0)}, "largest total"),
    ],
)
def test_payoff_view_chart(game, mark, marked, label):
    chart = payoff.view(game=game, mark=mark).chart
    assert chart["marked"] == marked and chart["mark_label"] == label
    assert chart["payoffs"] == payoff.PAYOFFS[game]
    assert chart["row_labels"] == chart["col_labels"] == ("Cooperate", "Go it alone")
    assert chart["players"] == ("Country A", "Country B")
    assert chart["explanation"] == yml("payoff")["explanations"][game]
    name = {"constant": "Constant-sum", "positive": "Positive-sum"}[game]
    assert chart["title"] == f"{name} game (illustrative payoffs, not data)"


def test_ties_count_as_no_gain_and_tied_totals_are_all_marked():
    flat = (((1, 1), (1, 1)), ((1, 1), (1, 1)))
    assert payoff.pure_equilibria(flat) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    # A gains by leaving (0, 1) for (1, 1); B gains by leaving (1, 0) for (1, 1)
    game = (((2, 2), (0, 1)), ((1, 0), (3, 3)))
    assert payoff.pure_equilibria(game) == {(0, 0), (1, 1)}
    # prisoner's dilemma (by hand): only mutual defection
    pd_game = (((3, 3), (0, 5)), ((5, 0), (1, 1)))
    assert payoff.pure_equilibria(pd_game) == {(1, 1)}
    assert payoff.largest_total(pd_game) == {(0, 0)}
    assert payoff.largest_total((((1, 1), (2, 0)), ((0, 0), (1, 1)))) == {(0, 0), (0, 1), (1, 1)}
    # a player compares against the other row (A) or the other column (B), never the diagonal
    skew = (((1, 0), (0, 1)), ((0, 1), (1, 0)))
    assert payoff.pure_equilibria(skew) == set()


def test_payoff_game_widget_defaults(monkeypatch):
    captured = {}
    monkeypatch.setattr(
        payoff, "view_widget", lambda view, draw, controls, **kw: captured.update(kw, c=controls)
    )
    payoff.payoff_game()
    assert captured["default"] == {"game": "constant", "mark": "nash"}
    assert captured["caption"] == yml("payoff")["caption"]
    assert [ch.label for ch in captured["c"].values()] == ["Payoffs", "Mark"]


# ---------------------------------------------------------------- strategic triangle


def edge_text(rj: bool, rc: bool, jc: bool) -> str:
    word = {True: "amity (solid line)", False: "enmity (dashed line)"}
    return f"Russia–Japan {word[rj]}, Russia–China {word[rc]}, Japan–China {word[jc]}"


PATTERNS = yml("triangle")["patterns"]


@pytest.mark.parametrize(
    "rj, rc, jc, key, fields, pivot",
    [
        (True, True, True, "all_amity", {}, None),
        (False, False, False, "no_amity", {}, None),
        (True, True, False, "two_amity", dict(pivot="Russia", wing1="Japan", wing2="China"), 0),
        (True, False, True, "two_amity", dict(pivot="Japan", wing1="Russia", wing2="China"), 1),
        (False, True, True, "two_amity", dict(pivot="China", wing1="Russia", wing2="Japan"), 2),
        (True, False, False, "one_amity", dict(partner1="Russia", partner2="Japan", outsider="China"), None),
        (False, True, False, "one_amity", dict(partner1="Russia", partner2="China", outsider="Japan"), None),
        (False, False, True, "one_amity", dict(partner1="Japan", partner2="China", outsider="Russia"), None),
    ],
)
def test_triangle_view_names_the_pattern_pivot_and_every_side(rj, rc, jc, key, fields, pivot):
    name, explanation = PATTERNS[key]["name"], PATTERNS[key]["explanation"].format(**fields)
    v = triangle.view(rj=rj, rc=rc, jc=jc)
    assert v.alt == f"Triangle diagram: {edge_text(rj, rc, jc)}. Pattern: {name}. {explanation}"
    assert v.chart == dict(
        names=("Russia", "Japan", "China"),
        edges={(0, 1): rj, (0, 2): rc, (1, 2): jc},
        title=name,
        explanation=explanation,
        highlight=pivot,
    )


def test_triangle_classification_uses_the_names_it_is_given():
    names = ("A", "B", "C")
    name, text, pivot = triangle.classify_triangle({(0, 1): False, (0, 2): True, (1, 2): True}, names)
    assert (name, pivot) == ("Romantic triangle", 2)
    assert text == PATTERNS["two_amity"]["explanation"].format(pivot="C", wing1="A", wing2="B")


def test_strategic_triangle_widget_controls(monkeypatch):
    captured = {}
    monkeypatch.setattr(
        triangle, "view_widget", lambda view, draw, controls, **kw: captured.update(kw, c=controls)
    )
    triangle.strategic_triangle()
    assert captured["default"] == {"rj": True, "rc": True, "jc": False}
    assert [ch.label for ch in captured["c"].values()] == ["Russia–Japan", "Russia–China", "Japan–China"]
    assert list(captured["c"]["rj"].options) == [("Amity", True), ("Enmity", False)]
    assert captured["caption"] == yml("triangle")["caption"]


def test_payoff_alt_text_lists_two_tied_largest_totals(monkeypatch):
    # not in payoff.yml: a game where two cells (not all four) share the largest total
    monkeypatch.setitem(payoff.PAYOFFS, "tied", (((3, 3), (5, 1)), ((1, 1), (2, 2))))
    assert payoff.alt_text("tied", "total").endswith(
        f" Marked as largest total: {cell(COOP, COOP)}; {cell(COOP, ALONE)}."
    )


def test_the_minus_100_flag_starts_just_past_minus_100(tariff_inputs):
    # by hand: a 105 % tariff on a 2.5 % baseline raises the price by exactly 102.5/102.5 = 100 %
    exactly = tariffs.alt_text(tariff_inputs, 105.0, 1.0, 1.0)
    assert "change by -100.0%;" in exactly and "passes" not in exactly
    past = tariffs.alt_text(tariff_inputs, 105.0, 1.005, 1.0)  # -100.5 %
    assert "change by -100.5% (the straight-line formula passes −100%" in past


def test_minus_zero_never_shows(tariff_inputs):
    # a zero change computed from a negative factor is -0.0 in floating point; it must print as 0.0
    assert tuple(str(x) for x in tariffs.tariff_effect(2.5, 2.5, 1.3, -1.0)) == ("0.0", "0.0")
    assert str(tariff_inputs.scaled(-0.0)) == "0.0"


def test_rate_label_prefers_the_date_it_took_effect():
    row = pd.Series(
        {
            "tariff_id": "x",
            "rate_percent": 10.0,
            "effective_date": "2019-01-01",
            "announced_date": "2018-05-23",
        }
    )
    assert tariffs._rate_label(row) == "10% (2019)"
    assert tariffs._rate_label(row.replace({"2019-01-01": float("nan")})) == "10% (2018)"


def test_the_scaled_figure_names_the_last_word_of_its_unit(tariff_inputs):
    base = pd.Series({"value": 10.0, "unit": "current USD billion", "compiler": "X", "source_id": "s"})
    t = tariffs.TariffInputs(tariff_inputs.tariffs, 2.5, base)
    assert tariffs.alt_text(t, 25.0, 1.3, 1.0).endswith(
        "; scaled to the 2017 figure of USD 10 billion (autos and parts) that is a change of about USD -2.9 billion."
    )


def test_load_names_the_missing_baseline_and_the_missing_import_figure(monkeypatch):
    from coursekit import data

    real = data.load

    def without(name, rows):
        return lambda n, **kw: rows(real(n, **kw)) if n == name else real(n, **kw)

    monkeypatch.setattr(
        tariffs.data, "load", without("tariffs", lambda t: t[t["tariff_id"] != "baseline_mfn"])
    )
    with pytest.raises(data.DataError) as err:
        tariffs.TariffInputs.load()
    assert str(err.value) == (
        "tariffs.csv: no row with tariff_id 'baseline_mfn'; the calculator needs the baseline rate: "
        "restore the row in data/tariffs.csv."
    )
    monkeypatch.setattr(tariffs.data, "load", without("autos", lambda a: a[a["year"] != 2017]))
    with pytest.raises(data.DataError) as err:
        tariffs.TariffInputs.load()
    assert str(err.value) == (
        "autos.csv: expected one calendar-year row for ('us_imports_from_japan_autos_and_parts', 2017), "
        "found 0; restore the row, or remove the duplicate, in data/autos.csv."
    )
