"""The claims ledger's readers (chapters 02, 07, 08): ledger helpers, source links, the claims
explorer's view and table, the forecast table and the scorecard.

Fast: no widget is built. Expected values come from data/claims.csv and data/sources.csv read
with ``csv``, the YAML texts, the docstrings, or by hand.
"""

from __future__ import annotations

import csv
import html
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import yaml

from coursekit import course, data
from coursekit.explorers import claims as cl
from coursekit.explorers import ledger, scorecard
from coursekit.explorers.evidence import SourceIndex

ROOT = Path(__file__).resolve().parents[2]


def read(name: str) -> list[dict]:
    with (ROOT / "data" / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def yml(stem: str) -> dict:
    return yaml.safe_load((ROOT / "coursekit" / "explorers" / f"{stem}.yml").read_text(encoding="utf-8"))


CLAIMS = read("claims")
SOURCES = {r["source_id"]: r for r in read("sources")}
FORECASTS = [r for r in CLAIMS if r["kind"] == "forecast" or "forecast" in r["kind_detail"].lower()]
# by hand: AS_OF is 2026-11 and every verdict in claims.csv was last checked in 2026-02
AS_OF_TEXT = "November 2026 (record checked to February 2026)"


@pytest.fixture(scope="module")
def claims():
    return data.load("claims")


@pytest.fixture(scope="module")
def sources():
    return SourceIndex()


# ---------------------------------------------------------------- ledger


def test_verdict_text_and_order():
    assert ledger.verdict_text("not_borne_out") == "not borne out"
    order = ledger.verdict_order()
    assert order[0] == ("supported", 0) and order[-1] == ("untestable", 3)
    assert ("contested", 1) in order and ("not_adopted", 2) in order
    assert len(order) == 12
    assert ledger.group_names()[0] == "Supported / borne out"
    assert len(ledger.group_names()) == 4


def test_forecasts_include_claims_whose_detail_says_forecast(claims):
    got = sorted(int(i) for i in ledger.forecasts(claims)["claim_id"])
    assert got == sorted(int(r["claim_id"]) for r in FORECASTS)
    assert 24 in got and 25 in got  # by hand: 'also a forecast', 'near-term forecast' (main kind other)
    frame = pd.DataFrame(
        {"kind": ["fact", "fact", "forecast"], "kind_detail": [None, "A FORECAST too", None]}
    )
    assert list(ledger.is_forecast(frame)) == [False, True, True]


def test_check_verdicts_names_the_unknown_ones():
    ledger.check_verdicts(pd.DataFrame({"verdict": ["supported", "untestable"]}))
    with pytest.raises(data.DataError) as err:
        ledger.check_verdicts(pd.DataFrame({"verdict": ["perhaps", "supported", "maybe"]}))
    assert str(err.value) == (
        "claims.csv, field 'verdict': ['maybe', 'perhaps'] belong to no group in explorers.VERDICT_GROUPS; "
        "add them to a group."
    )


def test_as_of_names_the_edition_and_the_last_check(monkeypatch):
    assert ledger.as_of(["2026-02", "2025-12"]) == AS_OF_TEXT
    assert ledger.as_of(["2026-11", "2026-02"]) == "November 2026"
    with pytest.raises(data.DataError, match="2026-12 is later than the edition's date 2026-11"):
        ledger.as_of(["2026-12"])
    monkeypatch.setattr(course, "AS_OF", "2027-01")
    assert ledger.as_of(["2026-02"]) == "January 2027 (record checked to February 2026)"


# ---------------------------------------------------------------- evidence


def test_source_links_titles_and_print_text(sources):
    s = SOURCES["S1"]
    title = f"{s['title']} — {s['publisher']}, {s['date']}"
    assert sources.link("S1") == (
        f'<a href="{html.escape(s["url"], quote=True)}" title="{html.escape(title, quote=True)}">S1</a>'
    )
    assert sources.evidence_html("S1 S2") == f"{sources.link('S1')} {sources.link('S2')}"
    assert sources.evidence_text("S1 S2") == (
        f"S1 ({s['publisher']}, {s['date']}); S2 ({SOURCES['S2']['publisher']}, {SOURCES['S2']['date'] or 'undated'})"
    )
    for empty in (None, "", "  ", float("nan")):
        assert sources.evidence_html(empty) == "(none found)"
        assert sources.evidence_text(empty) == "(none found)"
    undated = next(i for i, r in SOURCES.items() if not r["date"])
    assert sources.date(undated) == "undated"
    with pytest.raises(data.DataError, match="no source with source_id 'S0'"):
        sources.get("S0")


def test_source_index_takes_a_given_table():
    frame = pd.DataFrame(
        {
            "source_id": ["x"],
            "title": ["T"],
            "publisher": ["P"],
            "url": ["https://e.org/?a=1&b=2"],
            "date": [None],
        }
    )
    idx = SourceIndex(frame)
    assert idx.link("x") == '<a href="https://e.org/?a=1&amp;b=2" title="T — P, undated">x</a>'


# ---------------------------------------------------------------- claims explorer


def test_filter_claims(claims):
    def ids(frame):
        return sorted(int(i) for i in frame["claim_id"])

    assert ids(cl.filter_claims(claims)) == list(range(1, len(CLAIMS) + 1))
    assert ids(cl.filter_claims(claims, "all", "all", "all")) == list(range(1, len(CLAIMS) + 1))
    assert ids(cl.filter_claims(claims, section="zero_sum")) == [
        int(r["claim_id"]) for r in CLAIMS if r["section"] == "zero_sum"
    ]
    assert ids(cl.filter_claims(claims, kind="fact")) == [
        int(r["claim_id"]) for r in CLAIMS if r["kind"] == "fact"
    ]
    assert ids(cl.filter_claims(claims, kind="forecast")) == sorted(int(r["claim_id"]) for r in FORECASTS)
    got = cl.filter_claims(claims, "concluding", "forecast", ("borne_out", "not_borne_out"))
    assert ids(got) == [
        int(r["claim_id"])
        for r in FORECASTS
        if r["section"] == "concluding" and r["verdict"] in ("borne_out", "not_borne_out")
    ]


def counts_text(rows: list[dict]) -> set[str]:
    return {f"{n} {v.replace('_', ' ')}" for v, n in Counter(r["verdict"] for r in rows).items()}


def test_claims_view_heading_and_alt(claims, sources):
    view = cl.ClaimsView(
        claims,
        sources,
        None,
        "forecast",
        [("All verdicts", "all"), ("Not supported / X", ("not_supported",))],
    )
    v = view(section="concluding", verdicts="all")
    rows = [r for r in FORECASTS if r["section"] == "concluding"]
    heading = "Section: Concluding Thoughts; kind: forecast; verdict: all verdicts"
    assert v.chart["heading"] == heading
    prefix = f"Table of claims from the ledger. {heading}: {len(rows)} row(s) ("
    assert v.alt.startswith(prefix) and v.alt.endswith(").")
    assert set(v.alt[len(prefix) : -2].split(", ")) == counts_text(rows)
    assert v.chart["sources"] is sources
    assert sorted(v.chart["rows"]["claim_id"]) == sorted(int(r["claim_id"]) for r in rows)

    none = view(section="all", verdicts=("not_supported",))
    expected = [r for r in FORECASTS if r["verdict"] == "not_supported"]
    head = "Section: all; kind: forecast; verdict: not supported / x"
    assert none.chart["heading"] == head
    assert none.alt.startswith(f"Table of claims from the ledger. {head}: {len(expected)} row(s)")
    empty = view(section="all", verdicts=("no_such_verdict",))
    assert (
        empty.alt
        == "Table of claims from the ledger. Section: all; kind: forecast; verdict: all verdicts: 0 row(s)."
    )

    free = cl.ClaimsView(claims, sources, None, None, [("All verdicts", "all")])(kind="all", section="all")
    assert free.chart["heading"] == "Section: all; kind: all; verdict: all verdicts"
    other = cl.ClaimsView(claims, sources, None, None, [])(kind="fact", section="lead", verdicts="unknown")
    assert other.chart["heading"] == "Section: Lead (thesis); kind: fact; verdict: all verdicts"


def test_claims_table_page_print_text_and_figure(claims, sources):
    rows = cl.filter_claims(claims, "zero_sum", "forecast")
    csv_rows = [r for r in FORECASTS if r["section"] == "zero_sum"]
    out = cl.claims_table(rows, "Heading & more", sources)
    assert out.html.startswith("<p>Heading &amp; more</p>")
    assert f"{len(csv_rows)} claim(s): " in out.html
    for part in counts_text(csv_rows):
        assert part in out.html and part in out.text
    for r in csv_rows:
        assert html.escape(r["claim"]) in out.html
        assert f"{r['claim_id']}. {r['claim'][:20]}" in out.text
        assert f"{r['verdict'].replace('_', ' ')} (as of {r['verdict_date']})" in out.text
    assert out.text.startswith(f"Heading & more: {len(csv_rows)} claim(s) (")
    assert out.columns == [
        "#",
        "Section",
        "Claim (our paraphrase)",
        "Kind",
        "Verdict",
        "As of",
        "Why",
        "Evidence",
    ]
    fig = out.print_figure
    assert fig.caption == yml("claims")["print_caption"]
    assert fig.alt.startswith(
        f"Horizontal bar chart of the number of claims per verdict. Heading & more: {len(csv_rows)} claim(s): "
    )
    assert fig.alt.endswith(". " + yml("claims")["print_alt_tail"])

    empty = cl.claims_table(rows.iloc[0:0], "Nothing", sources)
    assert empty.html == "<p>Nothing</p><p><em>No claims in the ledger match this filter.</em></p>"
    assert empty.text.startswith("Nothing: 0 claim(s) (no claims).")
    assert empty.print_figure is None


def test_verdict_print_figure_lists_verdicts_in_group_order(claims):
    fig = cl.verdict_print_figure(claims, "All")
    order = [v for v, _ in ledger.verdict_order()]
    counts = Counter(r["verdict"] for r in CLAIMS)
    listed = ", ".join(f"{counts[v]} {v.replace('_', ' ')}" for v in order if counts[v])
    assert fig.alt == (
        f"Horizontal bar chart of the number of claims per verdict. All: {len(CLAIMS)} claim(s): {listed}. "
        + yml("claims")["print_alt_tail"]
    )


def test_kind_text_adds_the_detail():
    class R:
        kind, kind_detail = "fact", "claim from absence"

    assert cl._kind_text(R) == "fact (claim from absence)"
    R.kind_detail = float("nan")
    assert cl._kind_text(R) == "fact"


def test_claims_explorer_controls_and_caption(monkeypatch):
    captured = {}
    monkeypatch.setattr(
        cl, "view_widget", lambda view, draw, controls, **kw: captured.update(kw, c=controls, v=view)
    )
    cl.claims_explorer()
    c = captured["c"]
    assert list(c) == ["kind", "section"]
    assert [(ch.label, ch.kind) for ch in c.values()] == [("Kind", "auto"), ("Section", "dropdown")]
    kinds = [
        k for k in ("fact", "interpretation", "forecast", "normative") if any(r["kind"] == k for r in CLAIMS)
    ]
    assert sorted(v for _, v in c["kind"].options) == sorted(["all", *kinds])
    assert ("Forecast", "forecast") in c["kind"].options and c["kind"].options[0] == ("All kinds", "all")
    sections = list(dict.fromkeys(r["section"] for r in CLAIMS))
    assert [v for _, v in c["section"].options] == [
        "all",
        *[s for s in ledger.SECTION_NAMES if s in sections],
    ]
    assert captured["caption"] == yml("claims")["caption"]

    cl.claims_explorer(kind="forecast")
    c = captured["c"]
    assert list(c) == ["section", "verdicts"]
    assert captured["caption"] == (
        yml("claims")["caption"] + " Fixed to kind 'forecast'. " + yml("claims")["caption_forecasts"]
    )
    forecast_sections = {r["section"] for r in FORECASTS}
    assert {v for _, v in c["section"].options} == {"all", *forecast_sections}
    verdicts = {r["verdict"] for r in FORECASTS}
    groups = [lab for lab, vs in ledger.VERDICT_GROUPS if verdicts & set(vs)]
    assert [lab for lab, _ in c["verdicts"].options] == ["All verdicts", *groups]

    cl.claims_explorer(section="zero_sum")
    assert list(captured["c"]) == ["kind", "verdicts"]
    assert captured["caption"] == yml("claims")["caption"] + " Fixed to section 'Zero-Sum'."
    assert {v for _, v in captured["c"]["kind"].options} == {
        "all",
        *{r["kind"] for r in CLAIMS if r["section"] == "zero_sum"},
    }


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"section": "epilogue"}, "section='epilogue' is not a section of claims.csv"),
        ({"kind": "rumour"}, "kind='rumour' is not a kind in claims.csv"),
        (
            {"section": "whole_essay", "kind": "forecast"},
            "no claims with section='whole_essay' and kind='forecast'",
        ),
    ],
)
def test_claims_explorer_refuses_arguments_the_ledger_lacks(claims, kwargs, words):
    assert not [r for r in FORECASTS if r["section"] == "whole_essay"]  # by hand: the last claim is a fact
    with pytest.raises(ValueError, match=words):
        cl._check_arguments(claims, kwargs.get("section"), kwargs.get("kind"))


# ---------------------------------------------------------------- forecast table


def test_forecast_table_html_markdown_and_plain(claims, sources):
    table = cl.ForecastTable(ledger.forecasts(claims), sources)
    page = table._repr_html_()
    assert f"All {len(FORECASTS)} forecasts in the claims ledger" in page
    for r in FORECASTS:
        assert html.escape(r["claim"]) in page
        assert sources.evidence_html(r["evidence"]) in page
    md = table._repr_markdown_().splitlines()
    assert md[:2] == [f"**Table: all {len(FORECASTS)} forecasts in the claims ledger.**", ""]
    assert len(md) == 2 + len(FORECASTS)
    first = FORECASTS[0]
    section = ledger.SECTION_NAMES[first["section"]]
    assert md[2].startswith(f"- **{first['claim_id']}. {section}.** ")
    assert f"*Verdict:* {first['verdict'].replace('_', ' ')} (as of {first['verdict_date']})." in md[2]
    assert md[2].endswith(f"*Evidence:* {sources.evidence_text(first['evidence'])}.".replace("_", "\\_"))
    bundle = table._repr_mimebundle_()
    assert bundle["text/plain"] == f"Table of {len(FORECASTS)} forecasts from the claims ledger."
    assert bundle["text/html"] == page and bundle["text/markdown"] == "\n".join(md)
    assert table.columns[2] == "The essay expected"


# ---------------------------------------------------------------- scorecard


@pytest.mark.parametrize(
    "verdict, predicted, words",
    [
        ("borne_out", True, "Your prediction matches the verdict."),
        ("borne_out", False, "Your prediction does not match the verdict."),
        ("not_borne_out", False, "Your prediction matches the verdict."),
        ("not_borne_out", True, "Your prediction does not match the verdict."),
        ("partly_borne_out", True, "The verdict is 'partly borne out', so either prediction is half right."),
        ("unresolved", False, "This one cannot be scored yet: the verdict is 'unresolved'."),
        ("untestable", True, "This one cannot be scored yet: the verdict is 'untestable'."),
    ],
)
def test_score(verdict, predicted, words):
    assert scorecard.score(verdict, predicted) == words


def test_short_labels_cut_at_a_word():
    assert scorecard._short("a" * 58) == "a" * 58
    assert scorecard._short("word " * 20) == ("word " * 11).strip() + "…"
    assert scorecard._short("one two three", n=8) == "one…"


def test_scorecard_view_hides_the_outcome_until_a_prediction(claims, sources):
    f = ledger.forecasts(claims)
    view = scorecard.ScorecardView(f, sources, printed="P")
    r = next(r for r in FORECASTS if r["verdict"] == "not_borne_out")
    cid = int(r["claim_id"])
    hidden = view(claim_id=cid, prediction=None)
    assert hidden.alt == f"Forecast {cid}: {r['claim']} No prediction chosen yet; the outcome stays hidden."
    shown = view(claim_id=cid, prediction=False)
    assert shown.alt == (
        f"Forecast {cid}: {r['claim']} Your prediction: it will not happen. Verdict: not borne out "
        f"(as of {AS_OF_TEXT}). {r['note']} Your prediction matches the verdict."
    )
    assert "Your prediction: it will happen." in view(claim_id=cid, prediction=True).alt
    assert shown.chart["claim_id"] == cid and shown.chart["prediction"] is False
    assert shown.chart["printed"] == "P" and shown.chart["sources"] is sources
    assert shown.chart["row"]["claim"] == r["claim"]


def test_forecast_card_page_and_print(claims, sources):
    f = ledger.forecasts(claims).set_index("claim_id")
    r = FORECASTS[0]
    cid = int(r["claim_id"])
    head = (
        f"<p><strong>Forecast {cid}</strong> ({html.escape(ledger.SECTION_NAMES[r['section']])}): "
        f"{html.escape(r['claim'])}</p><p>The essay expected this to happen.</p>"
    )
    hidden = scorecard.forecast_card(cid, f.loc[cid], None, sources, "P")
    assert hidden.html == head + "<p><em>Choose your prediction above to reveal what happened.</em></p>"
    assert hidden.text.endswith("\nPrediction: not chosen yet (outcome hidden).")
    assert hidden.print_figure == "P" and hidden.columns == ["field", "value"]
    shown = scorecard.forecast_card(cid, f.loc[cid], True, sources, "P")
    assert shown.html.startswith(head)
    for part in (
        "it will happen",
        f"{r['verdict'].replace('_', ' ')} (as of {AS_OF_TEXT})",
        html.escape(r["note"]),
        sources.evidence_html(r["evidence"]),
        html.escape(scorecard.score(r["verdict"], True)),
    ):
        assert part in shown.html
    assert "Choose your prediction" not in shown.html
    assert shown.text.startswith(f"Forecast: {cid}. ")


def test_forecast_print_figure_alt_lists_forecasts_by_verdict(claims):
    fig = scorecard.forecast_print_figure(ledger.forecasts(claims))
    order = [v for v, _ in ledger.verdict_order()]
    by_verdict = "; ".join(
        f"{v.replace('_', ' ')}: " + ", ".join(r["claim_id"] for r in FORECASTS if r["verdict"] == v)
        for v in order
        if any(r["verdict"] == v for r in FORECASTS)
    )
    assert fig.alt == (
        f"Dot chart of the verdicts on the essay's {len(FORECASTS)} forecasts, one row per forecast (numbered as "
        f"in the claims ledger) and one column per verdict, as of {AS_OF_TEXT}. Forecasts by verdict: {by_verdict}."
    )
    assert fig.caption == yml("scorecard")["print_caption"]


def test_forecast_scorecard_controls(monkeypatch):
    captured = {}
    monkeypatch.setattr(
        scorecard, "view_widget", lambda view, draw, controls, **kw: captured.update(kw, c=controls)
    )
    scorecard.forecast_scorecard()
    c = captured["c"]
    assert [v for _, v in c["claim_id"].options] == [int(r["claim_id"]) for r in FORECASTS]
    assert c["claim_id"].options[0][0].startswith(f"{FORECASTS[0]['claim_id']}. ")
    assert list(c["prediction"].options) == [
        ("Not chosen yet", None),
        ("It will happen", True),
        ("It will not happen", False),
    ]
    assert c["prediction"].label == "Your prediction (as of Sept 2018)"
    assert captured["default"] == {"claim_id": int(FORECASTS[0]["claim_id"]), "prediction": None}
    assert captured["caption"] == yml("scorecard")["caption"]


def test_short_labels_cut_exactly_at_the_last_space_within_the_limit():
    text = "a " + "b" * 54 + " " + "c" * 5  # the space at index 56 is the last one before the limit
    assert scorecard._short(text) == "a " + "b" * 54 + "…"
    assert scorecard._short("x" * 59) == "x" * 57 + "…"  # 59 characters is one too many
    assert scorecard._short("ab  " + "c" * 60) == "ab …"  # only the last single space is cut


def test_forecast_card_lists_prediction_verdict_note_evidence_and_score(claims, sources):
    f = ledger.forecasts(claims).set_index("claim_id")
    r = next(r for r in FORECASTS if r["verdict"] == "borne_out")
    cid = int(r["claim_id"])
    shown = scorecard.forecast_card(cid, f.loc[cid], False, sources, "P")
    cells = [
        ("Your prediction", "it will not happen"),
        ("Verdict", f"borne out (as of {AS_OF_TEXT})"),
        ("What happened", html.escape(r["note"])),
        ("Evidence", sources.evidence_html(r["evidence"])),
        ("Score", "Your prediction does not match the verdict."),
    ]
    body = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in cells)
    assert shown.html.endswith(
        '<table class="coursekit-table" border="0"><thead><tr><th scope="col"></th><th scope="col"></th></tr>'
        f"</thead><tbody>{body}</tbody></table>"
    )
    assert "<td>it will happen</td>" in scorecard.forecast_card(cid, f.loc[cid], True, sources, "P").html
    lines = shown.text.splitlines()
    assert [line.split(":")[0] for line in lines if line and not line.startswith(" ")] == [
        "Forecast",
        "Verdict",
        "What happened",
        "Evidence",
    ]
    assert "Verdict: borne out\n" in shown.text
    flat = " ".join(shown.text.split())  # the print text is wrapped to the PDF's width
    assert flat.endswith(f"Evidence: {sources.evidence_text(r['evidence'])}")
    assert f"What happened: {' '.join(r['note'].split())} Evidence:" in flat


def test_an_unresolved_forecast_cannot_be_scored(claims, sources):
    view = scorecard.ScorecardView(ledger.forecasts(claims), sources, printed="P")
    r = next(r for r in FORECASTS if r["verdict"] == "unresolved")
    assert view(claim_id=int(r["claim_id"]), prediction=True).alt.endswith(
        f"{r['note']} This one cannot be scored yet: the verdict is 'unresolved'."
    )


def test_forecast_table_cells_in_full(claims, sources):
    table = cl.ForecastTable(ledger.forecasts(claims), sources)
    r = FORECASTS[0]
    cells = [
        r["claim_id"],
        html.escape(ledger.SECTION_NAMES[r["section"]]),
        html.escape(r["claim"]),
        r["verdict"].replace("_", " "),
        r["verdict_date"],
        html.escape(r["note"]),
        sources.evidence_html(r["evidence"]),
    ]
    assert "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>" in table._repr_html_()

    def esc(text: str) -> str:  # CommonMark's special characters, backslash-escaped
        return "".join("\\" + ch if ch in "\\`*_{}[]<>#|" else ch for ch in text)

    line = table._repr_markdown_().splitlines()[2]
    assert line == (
        f"- **{r['claim_id']}. {esc(ledger.SECTION_NAMES[r['section']])}.** {esc(r['claim'])} "
        f"*Verdict:* {esc(r['verdict'].replace('_', ' '))} (as of {r['verdict_date']}). {esc(r['note'])} "
        f"*Evidence:* {esc(sources.evidence_text(r['evidence']))}."
    )
    assert cl.ForecastTable(ledger.forecasts(claims)).sources.rows.keys() == sources.rows.keys()


def test_the_printed_figures_carry_their_labels_and_footnotes(claims):
    from matplotlib.text import Text

    from coursekit.widgets.notes import figure_note

    def texts(fig):
        return {" ".join(t.get_text().split()) for t in fig.findobj(Text)}  # labels may wrap

    f = ledger.forecasts(claims)
    fig = scorecard.forecast_print_figure(f).draw()
    assert figure_note(fig) == yml("scorecard")["print_footnote"].format(as_of=AS_OF_TEXT)
    shown = texts(fig)
    for v in {r["verdict"] for r in FORECASTS}:
        assert v.replace("_", " ") in shown
    assert f"Verdicts on the essay's {len(FORECASTS)} forecasts" in shown
    bars = cl.verdict_print_figure(claims, "All claims").draw()
    assert figure_note(bars) == yml("claims")["print_footnote"].format(heading="All claims", as_of=AS_OF_TEXT)
    assert {v.replace("_", " ") for v in {r["verdict"] for r in CLAIMS}} <= texts(bars)


def groups_of(rows: list[dict]) -> list[str]:
    verdicts = {r["verdict"] for r in rows}
    return ["All verdicts", *[lab for lab, vs in ledger.VERDICT_GROUPS if verdicts & set(vs)]]


def test_controls_offer_only_what_the_rows_have(claims):
    zero = [r for r in CLAIMS if r["section"] == "zero_sum"]
    controls, ver_opts = cl._controls(claims, "zero_sum", None)
    assert [lab for lab, _ in ver_opts] == groups_of(zero)
    assert ver_opts[0] == ("All verdicts", "all")
    assert (controls["kind"].label, controls["kind"].kind) == ("Kind", "auto")
    assert (controls["verdicts"].label, controls["verdicts"].kind) == ("Verdict", "dropdown")
    # a ledger of one section and one kind: no other section or kind is offered
    only = claims[(claims["section"] == "zero_sum") & (claims["kind"] == "fact")]
    controls, _ = cl._controls(only, None, None)
    assert list(controls["section"].options) == [("All sections", "all"), ("Zero-Sum", "zero_sum")]
    assert list(controls["kind"].options) == [("All kinds", "all"), ("Fact", "fact")]
    assert (controls["section"].label, controls["section"].kind) == ("Section", "dropdown")


def test_claims_table_print_text_in_full(claims, sources):
    rows = cl.filter_claims(claims, "lead")
    out = cl.claims_table(rows, "Lead only", sources)
    first = next(r for r in CLAIMS if r["section"] == "lead")
    flat = " ".join(out.text.split())
    assert flat.startswith(f"Lead only: {len(rows)} claim(s) (")
    kind = first["kind"] + (f" ({first['kind_detail']})" if first["kind_detail"] else "")
    record = (
        f"Claim: {first['claim_id']}. {first['claim']} Section: Lead (thesis) Kind: {kind} "
        f"Verdict: {first['verdict'].replace('_', ' ')} (as of {first['verdict_date']}) Why: {first['note']} "
        f"Evidence: {sources.evidence_text(first['evidence'])}"
    )
    assert " ".join(record.split()) in flat
    assert ").\n\nClaim: " in out.text  # the summary line, a blank line, then the records
    cells = [
        first["claim_id"],
        "Lead (thesis)",
        html.escape(first["claim"]),
        html.escape(kind),
        first["verdict"].replace("_", " "),
        first["verdict_date"],
        html.escape(first["note"]),
        sources.evidence_html(first["evidence"]),
    ]
    assert "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>" in out.html


def test_a_fixed_section_is_used_when_the_state_has_none(claims, sources):
    view = cl.ClaimsView(claims, sources, "zero_sum", None, [("All verdicts", "all")])
    v = view(kind="fact")
    assert v.chart["heading"] == "Section: Zero-Sum; kind: fact; verdict: all verdicts"
    rows = [r for r in CLAIMS if r["section"] == "zero_sum" and r["kind"] == "fact"]
    assert v.alt.startswith(f"Table of claims from the ledger. {v.chart['heading']}: {len(rows)} row(s)")


def test_a_link_escapes_quotes_in_its_address():
    frame = pd.DataFrame(
        {
            "source_id": ["q"],
            "title": ['A "T"'],
            "publisher": ["P"],
            "url": ['https://e.org/?q="x"'],
            "date": ["2020"],
        }
    )
    assert SourceIndex(frame).link("q") == (
        '<a href="https://e.org/?q=&quot;x&quot;" title="A &quot;T&quot; — P, 2020">q</a>'
    )


def test_with_the_kind_fixed_the_verdicts_offered_are_those_of_that_kind(claims):
    # by hand: claim 1, a borne-out forecast, and a contested claim that is no forecast; only the
    # forecast's verdict group is offered
    other = next(r for r in CLAIMS if r not in FORECASTS and r["verdict"] == "contested")
    frame = claims[claims["claim_id"].isin([1, int(other["claim_id"])])]
    controls, ver_opts = cl._controls(frame, None, "forecast")
    assert [lab for lab, _ in ver_opts] == ["All verdicts", "Supported / borne out"]
    assert (controls["section"].label, controls["section"].kind) == ("Section", "dropdown")
    assert (controls["verdicts"].label, controls["verdicts"].kind) == ("Verdict", "dropdown")


def test_an_empty_pair_of_arguments_names_both(claims):
    with pytest.raises(ValueError) as err:
        cl._check_arguments(claims, "whole_essay", "forecast")
    assert str(err.value) == (
        "claims_explorer: no claims with section='whole_essay' and kind='forecast'; fix only one of the two, "
        "or choose a pair that claims.csv has."
    )
