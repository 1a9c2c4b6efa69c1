"""The benchmark's output format, on a tiny book; its budget, ratio and parsing code on fixed inputs.

The real benchmark (bench/benchmark.py on the course) is not a test: it runs on its own command.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from bench import report
from bench.builds import BenchmarkError, page_weights, parse_execution_log, pick_notebook
from bench.live_widgets import WidgetDiscoveryError, discover_calls
from tests.helpers import NOTEBOOK_HEADER, REPO_ROOT, make_scratch_book

BENCHMARK = REPO_ROOT / "bench" / "benchmark.py"
TINY_WIDGET = "strategic_triangle"
ROUNDS = 2
NOTEBOOK = NOTEBOOK_HEADER + "# A small notebook\n\n```{code-cell} ipython3\nprint(6 * 7)\n```\n"


def run_benchmark(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BENCHMARK), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_ROOT,
    )


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench")
    book = make_scratch_book(root / "book", {"index": "# Tiny book\n\nThe root page.\n", "nb": NOTEBOOK})
    out = root / "results" / "tiny.json"
    proc = run_benchmark(
        "--book",
        str(book),
        "--skip-pdf",
        "--skip-lighthouse",
        # the stock template's two builds (the ratios' baseline) cost a quarter of the run;
        # the ratios are checked on fixed inputs below
        "--skip-baseline",
        "--widgets",
        TINY_WIDGET,
        "--widget-rounds",
        str(ROUNDS),
        "--out",
        str(out),
    )
    assert proc.returncode == 0, f"the benchmark failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    assert out.is_file(), f"no JSON at {out}:\n{proc.stdout}"
    return json.loads(out.read_text(encoding="utf-8")), proc.stdout, out


# ------------------------------------------------------------------ the run on a tiny book


@pytest.mark.build
def test_json_names_the_machine(tiny_run):
    m = tiny_run[0]["machine"]
    assert isinstance(m["cpu_count"], int) and m["cpu_count"] >= 1
    assert m["memory_bytes"] > 0
    assert m["cpu_model"]
    assert re.fullmatch(r"3\.\d+\.\d+", m["python"])
    assert m["jupyter_book"] and m["jupyter_book"].startswith("1.")
    assert m["date"][:4].isdigit() and "T" in m["date"]


@pytest.mark.build
def test_build_times_are_measured_and_only_the_edited_notebook_reexecutes(tiny_run):
    b = tiny_run[0]["builds"]
    for key in ("cold", "warm", "incremental", "incremental_code"):
        assert b[key]["seconds"] > 0, key
    assert b["cold"]["executed"].keys() == {"chapters/nb"}  # the only notebook; index.md is plain Markdown
    assert b["warm"]["executed"] == {}
    md, code = b["incremental"], b["incremental_code"]
    assert md["edited"] == code["edited"] == "chapters/nb.md"
    assert md["executed"] == {} and "chapters/nb" in md["from_cache"]  # a Markdown edit reuses the cache
    assert list(code["executed"]) == ["chapters/nb"] and code["executed"]["chapters/nb"] > 0
    assert md["edited_execution_s"] > 0 and code["edited_execution_s"] > 0
    assert b["pdf"] == {"skipped": True}
    logs = tiny_run[2].parent / "tiny-logs"
    for key in ("cold", "warm", "incremental", "incremental_code"):
        assert (logs / b[key]["log"]).is_file(), f"the {key} build's log was not kept in {logs}"


@pytest.mark.build
def test_page_weights_cover_the_pages_only(tiny_run):
    pages = tiny_run[0]["pages"]
    assert {"chapters/index.html", "chapters/nb.html"} <= set(pages["pages"])
    assert not [p for p in pages["pages"] if p.split("/")[0] in ("_static", "_sources", "vendor")]
    assert all(v > 0 for v in pages["pages"].values())
    assert pages["largest_page"]["bytes"] == max(pages["pages"].values())
    assert pages["total_pages_bytes"] == sum(pages["pages"].values())
    assert pages["total_site_bytes"] > pages["total_pages_bytes"]  # the theme's assets are in the site


@pytest.mark.build
def test_widget_latency_times_every_option_of_the_widget(tiny_run):
    from coursekit import explorers

    w = tiny_run[0]["widgets"]
    options = sum(len(c.options) for c in getattr(explorers, TINY_WIDGET)().controls.values())
    assert w["n_widgets"] == 1 and w["errors"] == []
    assert w["n_changes"] == ROUNDS * options
    assert 0 < w["median_ms"] <= w["p95_ms"]
    (row,) = w["per_widget"]
    assert row["call"] == f"explorers.{TINY_WIDGET}()" and row["changes"] == ROUNDS * options


@pytest.mark.build
def test_budgets_are_reported_with_their_limits(tiny_run):
    results = tiny_run[0]
    budgets = {b["id"]: b for b in results["budgets"]}
    assert set(budgets) == {
        "cold_build",
        "warm_rebuild",
        "incremental",
        "incremental_executes_only_edited",
        "incremental_code",
        "incremental_code_executes_only_edited",
        "widget_median",
        "page_weight",
    }
    assert budgets["warm_rebuild"]["limit"] == 10
    assert budgets["cold_build"]["limit"] == 180
    assert budgets["widget_median"]["limit"] == 100
    assert budgets["page_weight"]["limit"] == 1_500_000
    for key in ("incremental", "incremental_code"):
        inc = results["builds"][key]
        assert budgets[key]["limit"] == pytest.approx(inc["edited_execution_s"] + 5)
    for b in budgets.values():
        assert isinstance(b["within"], bool), b
        if isinstance(b["value"], (int, float)) and b["limit"] is not None:
            assert b["within"] == (b["value"] <= b["limit"]), b
    assert budgets["incremental_executes_only_edited"]["within"] is True
    assert budgets["incremental_code_executes_only_edited"]["within"] is True


@pytest.mark.build
def test_a_skipped_baseline_leaves_the_figures_without_ratios(tiny_run):
    results = tiny_run[0]
    assert results["baseline"] == {"skipped": True}
    assert results["options"]["skip_baseline"] is True
    figures = {f["id"]: f for f in results["figures"]}
    assert figures["cold_build_s"]["value"] == results["builds"]["cold"]["seconds"]
    assert all(f["baseline"] is None and f["ratio"] is None for f in figures.values())
    assert results["lighthouse"] == {"skipped": True}


@pytest.mark.build
def test_printed_table_lists_each_figure(tiny_run):
    results, stdout, _ = tiny_run
    header = next(line for line in stdout.splitlines() if line.startswith("figure"))
    for column in ("value", "budget", "within budget?", "baseline", "ratio"):
        assert column in header
    for label in (
        "cold HTML build",
        "warm rebuild",
        "incremental rebuild, Markdown edit",
        "incremental rebuild, code edit",
        "notebooks re-executed",
        "widget callback latency, median",
        "widget callback latency, p95",
        "largest page",
        "total site size",
    ):
        assert label in stdout, f"{label!r} missing from the table"
    table_lines = stdout.splitlines()
    for f in results["figures"]:
        row = next((ln for ln in table_lines if ln.startswith(f["label"])), None)
        assert row is not None, f"no table row for {f['label']!r}"
        if f["ratio"] is not None:
            assert f"x{f['ratio']:.2f}" in row
    assert "budgets:" in stdout


# ------------------------------------------------------------------ fixed inputs


def test_ratio_and_within():
    assert report.ratio(30, 10) == 3.0
    assert report.ratio(5, 20) == 0.25
    assert report.ratio(1, 0) is None
    assert report.ratio(None, 3) is None and report.ratio(3, None) is None
    assert report.within(10.0, 10.0) is True
    assert report.within(10.01, 10.0) is False
    assert report.within(None, 10.0) is None


def _results(**over) -> dict:
    """A fixed results dictionary shaped like bench/benchmark.py's."""
    inc = {
        "seconds": 20.0,
        "edit": "Markdown edit",
        "edited": "chapters/x.md",
        "edited_doc": "chapters/x",
        "expect_execution": False,
        "executed": {},
        "edited_execution_s": 12.0,
        "edited_execution_from": "execution cache",
    }
    code = {
        **inc,
        "edit": "code edit",
        "seconds": 30.0,
        "expect_execution": True,
        "executed": {"chapters/x": 24.0},
        "edited_execution_s": 24.0,
        "edited_execution_from": "this rebuild",
    }
    results = {
        "machine": {"cpu_count": 2},
        "builds": {
            "cold": {"seconds": 200.0},
            "warm": {"seconds": 6.0},
            "incremental": inc,
            "incremental_code": code,
            "pdf": {"seconds": 50.0},
        },
        "widgets": {"median_ms": 150.0, "p95_ms": 400.0, "n_changes": 30, "n_widgets": 2, "errors": []},
        "pages": {
            "pages": {"a.html": 2_000_000, "b.html": 1000},
            "largest_page": {"path": "a.html", "bytes": 2_000_000},
            "total_pages_bytes": 2_001_000,
            "total_site_bytes": 9_000_000,
            "n_pages": 2,
        },
        "baseline": {
            "cold": {"seconds": 10.0},
            "warm": {"seconds": 3.0},
            "pages": {
                "largest_page": {"path": "i.html", "bytes": 500_000},
                "total_pages_bytes": 1_000_500,
                "total_site_bytes": 3_000_000,
            },
        },
        "lighthouse": {
            "front": {"page": "f.html", "performance": 50, "accessibility": 100, "offsite_requests": []},
            "baseline_front": {
                "page": "i.html",
                "performance": 100,
                "accessibility": 80,
                "offsite_requests": [],
            },
        },
    }
    results.update(over)
    return results


def test_budgets_on_fixed_inputs():
    b = {x["id"]: x for x in report.evaluate_budgets(_results())}
    assert b["cold_build"]["within"] is False  # 200 s > 180 s
    assert b["warm_rebuild"]["within"] is True  # 6 s
    assert b["incremental"]["limit"] == 17.0 and b["incremental"]["within"] is False  # 20 s > 12 + 5
    assert b["incremental_code"]["limit"] == 29.0 and b["incremental_code"]["within"] is False  # 30 > 24 + 5
    assert b["incremental_executes_only_edited"]["within"] is True  # nothing re-ran after a Markdown edit
    assert b["incremental_code_executes_only_edited"]["within"] is True
    assert b["widget_median"]["within"] is False  # 150 ms
    assert b["page_weight"]["within"] is False and "a.html" in b["page_weight"]["note"]
    assert "b.html" not in b["page_weight"]["note"]
    assert b["cold_build"]["note"] == ""  # measured on the budget's 2 cores


def test_budgets_flag_extra_reexecution_and_other_core_counts():
    res = _results(machine={"cpu_count": 8})
    res["builds"]["incremental"]["executed"] = {"chapters/x": 12.0, "chapters/y": 3.0}
    b = {x["id"]: x for x in report.evaluate_budgets(res)}
    assert b["incremental_executes_only_edited"]["within"] is False
    assert "8 cores" in b["cold_build"]["note"]


def test_figures_ratios_and_table_on_fixed_inputs():
    res = _results()
    res["budgets"] = report.evaluate_budgets(res)
    figs = {f.id: f for f in report.build_figures(res)}
    assert figs["cold_build_s"].ratio == 20.0
    assert figs["warm_build_s"].ratio == 2.0
    assert figs["largest_page_bytes"].ratio == 4.0
    assert figs["total_site_bytes"].ratio == 3.0
    assert figs["lighthouse_front_performance"].ratio == 0.5
    assert figs["lighthouse_front_accessibility"].ratio == 1.25
    assert (
        figs["lighthouse_baseline_front_performance"].ratio is None
    )  # the baseline is not compared to itself
    assert figs["pdf_build_s"].value == 50.0 and figs["pdf_build_s"].budget == ""
    table = report.format_table(list(figs.values()))
    for f in figs.values():
        assert f.label in table
    cold_row = next(ln for ln in table.splitlines() if ln.startswith("cold HTML build"))
    assert "200.0 s" in cold_row and "NO" in cold_row and "x20.00" in cold_row
    warm_row = next(ln for ln in table.splitlines() if ln.startswith("warm rebuild"))
    assert "yes" in warm_row and "x2.00" in warm_row


def test_figures_without_baseline_have_no_ratio():
    res = _results(baseline={"skipped": True}, lighthouse={"skipped": True}, widgets={"skipped": True})
    figs = {f.id: f for f in report.build_figures(res)}
    assert all(f.ratio is None for f in figs.values())
    assert "widget_median_ms" not in figs and not [k for k in figs if k.startswith("lighthouse")]
    assert "widget_median" not in {b["id"] for b in report.evaluate_budgets(res)}


def test_execution_log_is_parsed(tmp_path):
    src = tmp_path / "book"
    log = (
        f"\x1b[01mreading sources... \x1b[39;49;00m[ 50%] chapters/a\n"
        f"{src}/chapters/a.md: Executing notebook using local CWD [mystnb]\n"
        f"{src}/chapters/a.md: Executed notebook in 7.76 seconds [mystnb]\n"
        f"{src}/chapters/a.md: Cached executed notebook: ID=1 [mystnb]\n"
        f"{src}/exercises/b.md: Using cached notebook: ID=3 [mystnb]\n"
        "chapters/c.md: WARNING: something else entirely\n"
    )
    executed, cached = parse_execution_log(log, src)
    assert executed == {"chapters/a": 7.76}
    assert cached == ["exercises/b"]


def test_page_weights_skip_assets(tmp_path):
    site = tmp_path / "html"
    (site / "chapters").mkdir(parents=True)
    (site / "_static").mkdir()
    (site / "index.html").write_bytes(b"x" * 10)
    (site / "chapters" / "a.html").write_bytes(b"x" * 300)
    (site / "_static" / "theme.html").write_bytes(b"x" * 5000)
    (site / "_static" / "app.js").write_bytes(b"x" * 7)
    w = page_weights(site)
    assert w["pages"] == {"chapters/a.html": 300, "index.html": 10}
    assert w["largest_page"] == {"path": "chapters/a.html", "bytes": 300}
    assert w["total_site_bytes"] == 5317


def test_widget_calls_are_discovered_with_their_arguments(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "a.md").write_text(
        NOTEBOOK_HEADER + "```{code-cell} ipython3\n:tags: [remove-input]\nfrom coursekit import explorers\n"
        'explorers.claims_explorer(kind="forecast")\n```\n\nText mentioning explorers.not_a_call() in prose.\n'
        "```{code-cell} ipython3\nexplorers.payoff_game()\n```\n"
    )
    (tmp_path / "chapters" / "b.md").write_text(
        NOTEBOOK_HEADER + "```{code-cell} ipython3\nexplorers.payoff_game()\n```\n"
    )
    calls = discover_calls(tmp_path)
    assert [c.source for c in calls] == [
        "explorers.claims_explorer(kind='forecast')",
        "explorers.payoff_game()",
    ]
    assert calls[1].chapters == ["chapters/a.md", "chapters/b.md"]


def test_widget_call_with_a_non_literal_argument_is_an_error(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "a.md").write_text(
        NOTEBOOK_HEADER + "```{code-cell} ipython3\nk = 'fact'\nexplorers.claims_explorer(kind=k)\n```\n"
    )
    with pytest.raises(WidgetDiscoveryError, match=r"chapters/a\.md.*non-literal"):
        discover_calls(tmp_path)


def test_edit_target_must_be_a_notebook(tmp_path):
    book = make_scratch_book(tmp_path / "book", {"index": "# Plain\n", "nb": NOTEBOOK})
    assert pick_notebook(book, None, "chapters/missing.md") == "chapters/nb.md"
    with pytest.raises(BenchmarkError, match=r"--edit chapters/index\.md: not a MyST notebook"):
        pick_notebook(book, "chapters/index.md", "chapters/missing.md")
    with pytest.raises(BenchmarkError, match=r"--edit chapters/nope\.md: no such file"):
        pick_notebook(book, "chapters/nope.md", "chapters/missing.md")


def test_a_folder_without_a_book_is_a_clear_error(tmp_path):
    proc = run_benchmark("--book", str(tmp_path), "--out", str(tmp_path / "r.json"), timeout=120)
    assert proc.returncode == 1
    assert str(tmp_path) in proc.stderr and "_config.yml" in proc.stderr
    assert not (tmp_path / "r.json").exists()
