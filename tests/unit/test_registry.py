"""The registry of chapter widgets agrees with the chapters, and rules run on hand-made data."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coursekit import explorers
from coursekit.explorers import registry
from coursekit.explorers.routes import route_rows
from coursekit.explorers.trade import select

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(r"^(explorers\.\w+\(.*\))\s*$", re.M)


def chapter_calls() -> set[tuple[str, str, tuple]]:
    """(chapter stem, widget name, sorted kwargs) of every ``explorers.<name>(...)`` line in chapters/*.md."""
    found = set()
    for path in sorted((ROOT / "chapters").glob("*.md")):
        for line in CALL.findall(path.read_text(encoding="utf-8")):
            call = ast.parse(line, mode="eval").body
            kwargs = tuple(sorted((k.arg, ast.literal_eval(k.value)) for k in call.keywords))
            found.add((path.stem, call.func.attr, kwargs))
    return found


def test_every_chapter_call_is_registered_and_every_registered_use_is_in_its_chapter():
    registered = {(u.chapter, u.name, tuple(sorted(u.kwargs.items()))) for u in registry.uses()}
    assert chapter_calls() == registered


def test_chapters_call_the_registered_builders_by_name():
    for name, entry in explorers.REGISTRY.items():
        assert getattr(explorers, name) is entry.build
        assert entry.module.startswith("coursekit.explorers.")


def test_a_second_widget_with_the_same_name_is_refused():
    def trade_explorer():
        pass

    with pytest.raises(ValueError, match="two chapter widgets are named 'trade_explorer'"):
        registry.chapter_widget("03-rapprochement")(trade_explorer)
    assert registry.REGISTRY["trade_explorer"].build is explorers.trade_explorer  # the original stays


def test_a_widget_without_a_chapter_is_refused():
    def lonely():
        pass

    with pytest.raises(ValueError, match="names no chapter"):
        registry.chapter_widget()(lonely)
    assert "lonely" not in registry.REGISTRY


# ---------------------------------------------------------------- rules on hand-made tables


def routes_frame(rows):
    cols = [
        "route_row_id",
        "route",
        "metric",
        "unit",
        "season",
        "value_min",
        "value_max",
        "qualifier",
        "origin",
        "destination",
        "source_id",
    ]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def test_route_season_rule_on_hand_made_rows():
    routes = routes_frame(
        [
            (
                "a",
                "suez",
                "transit_time",
                "days",
                None,
                30,
                35,
                "as stated",
                "X",
                "Y",
                "s1",
            ),  # no season: always
            (
                "b",
                "northern_sea_route",
                "transit_time",
                "days",
                "Jul-Oct",
                18,
                18,
                "as stated",
                "X",
                "Y",
                "s2",
            ),
            (
                "c",
                "northern_sea_route",
                "transit_time",
                "days",
                "Nov-Feb",
                25,
                25,
                "as stated",
                "X",
                "Y",
                "s3",
            ),
            (
                "d",
                "trans_siberian_sea_rail",
                "transit_time",
                "weeks",
                None,
                3,
                4,
                "as stated",
                "X",
                "Y",
                "s4",
            ),
            (
                "e",
                "other_route",
                "transit_time",
                "days",
                None,
                1,
                1,
                "as stated",
                "X",
                "Y",
                "s5",
            ),  # not a shown route
        ]
    )
    shown, off, other = route_rows(routes, ("transit_time", "days"), "summer")
    assert [r.route_row_id for r in shown] == ["a", "b"] and [r.route_row_id for r in off] == ["c"]
    assert [r.route_row_id for r in other] == ["d"]
    shown, off, _ = route_rows(routes, ("transit_time", "days"), "winter")
    assert [r.route_row_id for r in shown] == ["a", "c"] and [r.route_row_id for r in off] == ["b"]


def test_trade_selection_and_alt_text_on_a_hand_made_table():
    def row(reporter, partner, flow, year, value):
        return dict(
            pair="japan_russia",
            reporter=reporter,
            partner=partner,
            flow=flow,
            year=year,
            value=value,
            unit="USD million",
            compiler="IMF DOTS",
            period="CY",
            conflict_id=None,
        )

    trade = pd.DataFrame(
        [
            row("Japan", "Russia", "export", 2000, 100.0),
            row("Japan", "Russia", "export", 2001, 250.5),
            row("Japan", "Russia", "export", 2003, 90.0),
            row("Russia", "Japan", "import", 2000, 120.0),
            row("Russia", "Japan", "import", 2003, 80.0),
        ]
    )
    v = select(trade, "japan_russia", "ab", (2000, 2003))
    assert (v.a, v.b, v.unit) == ("Japan", "Russia", "USD million")
    japan, russia = v.series
    assert japan.values[:2] == [100.0, 250.5] and np.isnan(japan.values[2]) and japan.values[3] == 90.0
    assert v.missing == {"Japan": [2002], "Russia": [2001, 2002]}
    assert v.gap_years == [2002]  # the only year neither side reported
    alt = explorers.trade.view(trade, pair="japan_russia", flow="ab", period=(2000, 2003)).alt
    assert "lowest 90 in 2003, highest 250.5 in 2001" in alt  # Japan's extremes
    assert "lowest 80 in 2003, highest 120 in 2000" in alt  # Russia's extremes
    assert "figures for 2000–2001, 2003" in alt and "Years with no figure: 2001–2002." in alt


def test_texts_name_the_file_and_the_missing_key():
    from coursekit.explorers.texts import TextsError, texts

    with pytest.raises(TextsError, match=r"tariffs\.yml: no key 'nope'"):
        texts("coursekit.explorers.tariffs")["nope"]
    with pytest.raises(TextsError, match=r"no_such_widget\.yml: no text file"):
        texts("coursekit.explorers.no_such_widget")


def test_model_parameters_come_with_their_sources():
    from coursekit.explorers import tariffs

    assert [v for _, v in tariffs.ELASTICITIES] == [1.3, 6.0]  # the two ends of the cited range
    assert "NBER Working Paper 25672" in tariffs.ELASTICITY_SOURCE
    assert [v for _, v in tariffs.PASS_THROUGH] == [1.0, 0.5]
    assert "doi:10.1093/qje/qjz036" in tariffs.PASS_THROUGH_SOURCE
