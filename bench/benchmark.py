"""Benchmark the course book: build times, widget latency, page weight and Lighthouse scores.

    .venv/bin/python bench/benchmark.py [--out bench/results/latest.json] [--skip-pdf]
                                        [--skip-lighthouse] [--book PATH]

Prints a table (figure, value, budget, within budget?, baseline, ratio to baseline) and
writes JSON with the machine it ran on. Everything is built in a temporary copy of the
book with temporary output folders; the repository's _build/ is never touched. A stock
``jupyter-book create`` book, built the same way, is the baseline. Budgets are reported,
not enforced: the exit status is 0 unless the benchmark itself failed. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the ``bench`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import builds, report  # noqa: E402
from bench.builds import BenchmarkError  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "bench" / "results" / "latest.json"
#: The chapter edited for the incremental rebuilds, and the widget chapter Lighthouse audits.
DEFAULT_EDIT = "chapters/05-tariff-trouble.md"
DEFAULT_WIDGET_PAGE = "chapters/05-tariff-trouble.html"
#: One page of each kind for Lighthouse (the front page comes from _toc.yml).
PAGE_KINDS = {
    "widget_chapter": DEFAULT_WIDGET_PAGE,
    "exercises": "exercises/05-tariff-trouble.html",
    "glossary": "chapters/glossary.html",
    "about_the_data": "chapters/about-the-data.html",
    # the longest of the pages split from "About the data" (one per dataset)
    "dataset_page": "chapters/data-trade.html",
    "instructor_guide": "chapters/instructor-guide.html",
}
SCHEMA_VERSION = 1


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _version(cmd: list[str]) -> str | None:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip() or None
    except (OSError, subprocess.TimeoutExpired):
        return None


def machine_info() -> dict:
    """What the figures were measured on."""
    cpu_model = memory = None
    try:
        cpu_model = next(
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu_model = platform.processor() or None
    try:
        kb = next(
            int(ln.split()[1])
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal:")
        )
        memory = kb * 1024
    except (OSError, StopIteration):
        pass
    versions = {}
    for dist in ("jupyter-book", "myst-nb", "sphinx", "jupyter-cache", "ipywidgets", "matplotlib"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu_count": usable,
        "cpu_count_host": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_bytes": memory,
        "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "jupyter_book": versions["jupyter-book"],
        "packages": versions,
        "node": _version(["node", "--version"]),
        "chromium": _version(["/usr/bin/chromium", "--version"]),
        "date": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
    }


def incremental(copy: Path, out: Path, edited: str, kind: str, logs: Path) -> dict:
    """Append a harmless edit to ``edited`` in the copy, rebuild, and report what re-executed."""
    doc = str(Path(edited).with_suffix("").as_posix())
    if kind == "markdown":
        builds.append(copy / edited, builds.MARKDOWN_EDIT)
        label, expect = "Markdown edit", False  # jupyter-cache hashes code only: no re-execution
    else:
        builds.append(copy / edited, builds.CODE_EDIT)
        label, expect = "code edit", True
    res = builds.run_build(f"incremental rebuild, {label}", copy, out, logs=logs)
    if doc in res.executed:
        exec_s, source = res.executed[doc], "this rebuild"
    else:  # not re-executed: the time jupyter-cache stored when it last ran (the cold build)
        exec_s, source = builds.cached_execution_seconds(out, copy / edited), "execution cache"
    return {
        **res.summary(),
        "edit": label,
        "edited": edited,
        "edited_doc": doc,
        "expect_execution": expect,
        "edited_execution_s": exec_s,
        "edited_execution_from": source,
    }


def run_widgets(book: Path, names: str | None, rounds: int, workdir: Path) -> dict:
    """Live latency in a child process with COURSE_LIVE=1 (kept out of this process and the builds)."""
    out = workdir / "widgets.json"
    cmd = [
        sys.executable,
        "-m",
        "bench.live_widgets",
        "--book",
        str(book),
        "--rounds",
        str(rounds),
        "--out",
        str(out),
    ]
    if names:
        cmd += ["--widgets", names]
    env = {**os.environ, "COURSE_LIVE": "1", "MPLBACKEND": "Agg"}
    proc = subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0 or not out.exists():
        raise BenchmarkError(
            f"the widget latency run failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
        )
    result = json.loads(out.read_text(encoding="utf-8"))
    if not result["n_widgets"]:
        raise BenchmarkError(
            f"no widget to time ({result['source']}); pass --widgets NAME or --skip-widgets."
        )
    for row in result["per_widget"]:  # keep the JSON readable: summaries per widget, not every timing
        row.pop("wall_ms", None)
        row.pop("cpu_ms", None)
    return result


def baseline(tmp: Path, logs: Path) -> dict:
    """The stock template book (``jupyter-book create``), built cold and warm like ours."""
    book = tmp / "baseline"
    proc = subprocess.run([str(builds.JUPYTER_BOOK), "create", str(book)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise BenchmarkError(f"jupyter-book create failed:\n{proc.stderr[-2000:]}")
    out = tmp / "baseline-out"
    # The template is built as shipped: its own config (execute: force), no strict flags.
    cold = builds.run_build("baseline cold build", book, out, strict=False, course=False, logs=logs)
    warm = builds.run_build("baseline warm rebuild", book, out, strict=False, course=False, logs=logs)
    return {
        "cold": cold.summary(),
        "warm": warm.summary(),
        "pages": builds.page_weights(out / "_build" / "html"),
        "front_page": builds.toc_root_page(book),
        "site": out / "_build" / "html",
    }


def page_kinds(book: Path, args: argparse.Namespace) -> dict[str, str]:
    return {"front": builds.toc_root_page(book), **PAGE_KINDS, "widget_chapter": args.widget_page}


def audit_pages(site: Path, book: Path, args: argparse.Namespace, tmp: Path) -> dict:
    from bench import lighthouse_audit

    log("[benchmark] Lighthouse on each kind of page...")
    lh = lighthouse_audit.audit(site, page_kinds(book, args), tmp / "lighthouse", runs=args.lighthouse_runs)
    lh["version"] = lighthouse_audit.version()
    lh["chrome_flags"] = lighthouse_audit.CHROME_FLAGS
    return lh


def run_site(args: argparse.Namespace) -> dict:
    """--site: only the page figures of an existing build (Lighthouse, bytes, figure text),
    beside the stock template's, without timing builds."""
    book = builds.check_book(args.book)
    site = args.site.resolve()
    tmp = Path(tempfile.mkdtemp(prefix="coursekit-bench-"))
    logs = tmp / "logs"
    results: dict = {
        "schema_version": SCHEMA_VERSION,
        "machine": machine_info(),
        "book": str(book),
        "site": str(site),
        "options": {"site_only": True},
        "builds": {},
    }
    try:
        from bench import phone_figures

        results["pages"] = builds.page_weights(site)
        results["lighthouse"] = (
            audit_pages(site, book, args, tmp) if not args.skip_lighthouse else {"skipped": True}
        )
        results["phone_figures"] = {"skipped": True}
        if not args.skip_lighthouse:
            log("[benchmark] smallest figure text at 390 px...")
            results["phone_figures"] = phone_figures.measure(site, page_kinds(book, args))
        results["baseline"] = {"skipped": True}
        if not args.skip_baseline:
            log("[benchmark] baseline: the stock jupyter-book create book...")
            base = baseline(tmp, logs)
            base_site = base.pop("site")
            if not args.skip_lighthouse:
                from bench import lighthouse_audit

                results["lighthouse"].update(
                    lighthouse_audit.audit(
                        base_site,
                        {"baseline_front": base["front_page"]},
                        tmp / "lighthouse",
                        runs=args.lighthouse_runs,
                    )
                )
            results["baseline"] = base
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    results["budgets"] = report.evaluate_budgets(results)
    results["figures"] = report.figures_json(report.build_figures(results))
    return results


def run(args: argparse.Namespace) -> dict:
    if args.site:
        return run_site(args)
    book = builds.check_book(args.book)
    edited = builds.pick_notebook(book, args.edit, DEFAULT_EDIT)
    tmp = Path(tempfile.mkdtemp(prefix="coursekit-bench-"))
    logs = tmp / "logs"
    results: dict = {
        "schema_version": SCHEMA_VERSION,
        "machine": machine_info(),
        "book": str(book),
        "options": {
            "skip_pdf": args.skip_pdf,
            "skip_lighthouse": args.skip_lighthouse,
            "skip_baseline": args.skip_baseline,
            "skip_widgets": args.skip_widgets,
            "widgets": args.widgets,
            "widget_rounds": args.widget_rounds,
            "edited": edited,
            "strict_flags": builds.STRICT_FLAGS,
        },
        "temp_dir": str(tmp),
    }
    skipped = {"skipped": True}
    try:
        log(f"[benchmark] scratch folder {tmp}")
        copy = builds.copy_book(book, tmp / "book")
        out = tmp / "out"
        site = out / "_build" / "html"
        log("[benchmark] cold HTML build (empty execution cache)...")
        cold = builds.run_build("cold HTML build", copy, out, logs=logs)
        log(f"[benchmark]   {cold.seconds:.1f} s; warm rebuild...")
        warm = builds.run_build("warm rebuild", copy, out, logs=logs)
        results["pages"] = builds.page_weights(site)
        lh: dict = skipped
        if not args.skip_lighthouse:
            from bench import lighthouse_audit

            lh = audit_pages(site, book, args, tmp)
        log(f"[benchmark] incremental rebuilds after editing {edited}...")
        inc_md = incremental(copy, out, edited, "markdown", logs)
        inc_code = incremental(copy, out, edited, "code", logs)
        results["builds"] = {
            "cold": cold.summary(),
            "warm": warm.summary(),
            "incremental": inc_md,
            "incremental_code": inc_code,
            "pdf": skipped,
        }
        if not args.skip_pdf:
            log("[benchmark] PDF build...")
            shutil.rmtree(out / "_build" / "latex", ignore_errors=True)  # else latexmk may do nothing
            pdf = builds.run_build("PDF build", copy, out, builder="pdflatex", logs=logs)
            pdfs = sorted((out / "_build" / "latex").glob("*.pdf"))
            if not pdfs:
                raise BenchmarkError(f"the PDF build wrote no PDF; log: {pdf.log_path}")
            results["builds"]["pdf"] = {
                **pdf.summary(),
                "pdf": pdfs[0].name,
                "pdf_bytes": pdfs[0].stat().st_size,
            }
        results["widgets"] = skipped
        if not args.skip_widgets:
            log("[benchmark] live widget callback latency...")
            results["widgets"] = run_widgets(book, args.widgets, args.widget_rounds, tmp)
        results["baseline"] = skipped
        if not args.skip_baseline:
            log("[benchmark] baseline: the stock jupyter-book create book, cold and warm...")
            base = baseline(tmp, logs)
            base_site = base.pop("site")
            if not args.skip_lighthouse:
                from bench import lighthouse_audit

                log("[benchmark] Lighthouse on the baseline front page...")
                lh.update(
                    lighthouse_audit.audit(
                        base_site,
                        {"baseline_front": base["front_page"]},
                        tmp / "lighthouse",
                        runs=args.lighthouse_runs,
                    )
                )
            results["baseline"] = base
        results["lighthouse"] = lh
        results["phone_figures"] = skipped
        if not args.skip_lighthouse:  # Chromium, as for Lighthouse
            from bench import phone_figures

            log("[benchmark] smallest figure text at 390 px...")
            results["phone_figures"] = phone_figures.measure(site, page_kinds(book, args))
    finally:
        if logs.is_dir():  # the build logs outlive the scratch folder, next to the JSON
            kept = args.out.parent / f"{args.out.stem}-logs"
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(logs, kept)
            results["logs_dir"] = str(kept)
            log(f"[benchmark] build logs in {kept}")
        if args.keep_temp:
            log(f"[benchmark] kept the scratch folder {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
            results["temp_dir"] = None
    results["budgets"] = report.evaluate_budgets(results)
    results["figures"] = report.figures_json(report.build_figures(results))
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON output (default: %(default)s)")
    p.add_argument(
        "--book", type=Path, default=REPO_ROOT, help="the book to benchmark (default: this repository)"
    )
    p.add_argument("--skip-pdf", action="store_true", help="no PDF build (it needs TeX)")
    p.add_argument(
        "--skip-lighthouse", action="store_true", help="no Lighthouse scores (they need npm and Chromium)"
    )
    p.add_argument("--skip-baseline", action="store_true", help="no stock template book, hence no ratios")
    p.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        help="Lighthouse runs per page; the median of each figure is reported (default: %(default)s)",
    )
    p.add_argument("--skip-widgets", action="store_true", help="no live widget latency")
    p.add_argument(
        "--widgets",
        help="comma-separated coursekit.explorers names to time instead of those the "
        "book's chapters/*.md call",
    )
    p.add_argument(
        "--widget-rounds",
        type=int,
        default=3,
        help="times each control steps through all its options (default: %(default)s)",
    )
    p.add_argument(
        "--edit",
        help=f"notebook page to edit for the incremental rebuilds (default: {DEFAULT_EDIT}, "
        "or the book's first notebook page)",
    )
    p.add_argument(
        "--widget-page",
        default=DEFAULT_WIDGET_PAGE,
        help="widget chapter for Lighthouse, as a path in the site (default: %(default)s)",
    )
    p.add_argument(
        "--site",
        type=Path,
        help="an existing build (e.g. _build/html): measure its pages only "
        "(Lighthouse per page kind, JS/CSS bytes, figure text at 390 px) beside the stock book, "
        "without timing builds",
    )
    p.add_argument("--keep-temp", action="store_true", help="keep the scratch copies, builds and logs")
    args = p.parse_args(argv)
    if args.widget_rounds < 1:
        p.error("--widget-rounds must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        results = run(args)
    except BenchmarkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    m = results["machine"]
    print(
        f"Benchmark of {results['book']} on {m['cpu_count']} cores ({m['cpu_model']}), "
        f"{(m['memory_bytes'] or 0) / 2**30:.1f} GiB, Python {m['python']}, jupyter-book {m['jupyter_book']}, "
        f"{m['date']}"
    )
    print(report.format_table([report.Figure(**f) for f in results["figures"]]))
    failed = [b["rule"] for b in results["budgets"] if b["within"] is False]
    print(
        f"\nbudgets: {len(results['budgets']) - len(failed)} of {len(results['budgets'])} within"
        + ("; over: " + "; ".join(failed) if failed else "")
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
