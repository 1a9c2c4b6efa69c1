"""Budgets, ratios to the stock template book, and the printed table of a benchmark run.

Pure functions of the results dictionary that bench/benchmark.py assembles, so they
can be tested on fixed inputs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

#: The budgets of issue 8 (README "Budgets").
WARM_REBUILD_S = 10.0
INCREMENTAL_MARGIN_S = 5.0
WIDGET_MEDIAN_MS = 100.0
PAGE_BYTES = 1_500_000  # 1.5 MB, decimal, as coursekit.widgets counts it
COLD_BUILD_S = 180.0
COLD_BUILD_CORES = 2


@dataclass
class Figure:
    """One row of the table."""

    id: str
    label: str
    value: float | int | str | None
    unit: str  # "s", "ms", "bytes", "score" (0-100) or "" (a count or text)
    budget: str = ""  # e.g. "<= 10 s"; empty when the figure has no budget
    within: bool | None = None  # None: no budget, or nothing measured
    baseline: float | int | None = None
    ratio: float | None = None  # value / baseline
    note: str = ""


def ratio(ours: float | int | None, base: float | int | None) -> float | None:
    """``ours / base``; None when either is missing or the baseline is zero."""
    if ours is None or base is None or isinstance(ours, str) or base == 0:
        return None
    return ours / base


def within(value: float | int | None, limit: float | None) -> bool | None:
    if value is None or limit is None:
        return None
    return value <= limit


def _get(d: dict | None, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def _skipped(section) -> bool:
    return not isinstance(section, dict) or bool(section.get("skipped"))


def evaluate_budgets(results: dict) -> list[dict]:
    """Each budget: the rule, the figure it applies to, its limit and value, and whether it holds."""
    builds = results.get("builds", {})
    budgets = []

    def add(bid, rule, figure, value, limit, ok=None, note=""):
        budgets.append(
            {
                "id": bid,
                "rule": rule,
                "figure": figure,
                "value": value,
                "limit": limit,
                "within": within(value, limit) if ok is None else ok,
                "note": note,
            }
        )

    cores = _get(results, "machine", "cpu_count")
    add(
        "cold_build",
        f"cold HTML build <= {COLD_BUILD_S:g} s on {COLD_BUILD_CORES} cores",
        "cold_build_s",
        _get(builds, "cold", "seconds"),
        COLD_BUILD_S,
        note=""
        if cores == COLD_BUILD_CORES
        else f"measured on {cores} cores; the budget is set for {COLD_BUILD_CORES}",
    )
    add(
        "warm_rebuild",
        f"warm rebuild <= {WARM_REBUILD_S:g} s",
        "warm_build_s",
        _get(builds, "warm", "seconds"),
        WARM_REBUILD_S,
    )
    for key, fid in (
        ("incremental", "incremental_build_s"),
        ("incremental_code", "incremental_code_build_s"),
    ):
        inc = builds.get(key)
        if _skipped(inc):
            continue
        exec_s = inc.get("edited_execution_s")
        limit = None if exec_s is None else exec_s + INCREMENTAL_MARGIN_S
        add(
            key,
            f"{inc['edit']} rebuild <= the edited notebook's execution time + {INCREMENTAL_MARGIN_S:g} s",
            fid,
            inc.get("seconds"),
            limit,
            note="" if exec_s is not None else "the edited notebook's execution time is unknown",
        )
        edited, executed = inc["edited_doc"], sorted(inc.get("executed", {}))
        expected = [edited] if inc.get("expect_execution") else []
        add(
            f"{key}_executes_only_edited",
            f"{inc['edit']}: only the edited notebook may re-execute "
            f"(expected: {', '.join(expected) or 'none, its code did not change'})",
            f"{key}_executed",
            ", ".join(executed) or "none",
            None,
            ok=executed == expected,
        )
    widgets = results.get("widgets")
    if not _skipped(widgets):
        add(
            "widget_median",
            f"widget callback median <= {WIDGET_MEDIAN_MS:g} ms",
            "widget_median_ms",
            widgets.get("median_ms"),
            WIDGET_MEDIAN_MS,
            note="; ".join(widgets.get("errors", [])),
        )
    pages = results.get("pages")
    if not _skipped(pages):
        over = sorted(p for p, b in pages["pages"].items() if b > PAGE_BYTES)
        add(
            "page_weight",
            f"every page <= {PAGE_BYTES / 1e6:g} MB",
            "largest_page_bytes",
            pages["largest_page"]["bytes"],
            PAGE_BYTES,
            note=("over budget: " + ", ".join(over)) if over else "",
        )
    return budgets


def build_figures(results: dict) -> list[Figure]:
    """The table's rows, each with its budget (if any) and its ratio to the baseline (if any)."""
    builds, base = results.get("builds", {}), results.get("baseline", {})
    budgets = {b["figure"]: b for b in results.get("budgets") or evaluate_budgets(results)}
    rows: list[Figure] = []

    def add(fid, label, value, unit, base_value=None, note=""):
        b = budgets.get(fid)
        rows.append(
            Figure(
                fid,
                label,
                value,
                unit,
                budget=_budget_text(b, unit),
                within=b["within"] if b else None,
                baseline=base_value,
                ratio=ratio(value, base_value),
                note="; ".join(x for x in (note, b["note"] if b else "") if x),
            )
        )

    add(
        "cold_build_s",
        "cold HTML build (empty execution cache)",
        _get(builds, "cold", "seconds"),
        "s",
        _get(base, "cold", "seconds"),
    )
    add(
        "warm_build_s",
        "warm rebuild (nothing changed)",
        _get(builds, "warm", "seconds"),
        "s",
        _get(base, "warm", "seconds"),
    )
    for key, fid in (
        ("incremental", "incremental_build_s"),
        ("incremental_code", "incremental_code_build_s"),
    ):
        inc = builds.get(key)
        if _skipped(inc):
            continue
        add(fid, f"incremental rebuild, {inc['edit']} ({inc['edited']})", inc.get("seconds"), "s")
        add(
            f"{key}_edited_exec_s",
            f"  execution time of {inc['edited_doc']} ({inc['edited_execution_from']})",
            inc.get("edited_execution_s"),
            "s",
        )
        executed = sorted(inc.get("executed", {}))
        add(f"{key}_executed", "  notebooks re-executed", ", ".join(executed) or "none", "")
    pdf = builds.get("pdf")
    if not _skipped(pdf):
        add("pdf_build_s", "PDF build (warm execution cache)", pdf.get("seconds"), "s")
    widgets = results.get("widgets")
    if not _skipped(widgets):
        n = f"over {widgets.get('n_changes')} control changes of {widgets.get('n_widgets')} widget(s)"
        add("widget_median_ms", "widget callback latency, median", widgets.get("median_ms"), "ms", note=n)
        add("widget_p95_ms", "widget callback latency, p95", widgets.get("p95_ms"), "ms", note=n)
    pages, base_pages = results.get("pages"), base.get("pages") if not _skipped(base) else None
    if not _skipped(pages):
        add(
            "largest_page_bytes",
            f"largest page ({pages['largest_page']['path']})",
            pages["largest_page"]["bytes"],
            "bytes",
            _get(base_pages, "largest_page", "bytes"),
        )
        add(
            "total_pages_bytes",
            f"HTML of all {pages['n_pages']} pages",
            pages["total_pages_bytes"],
            "bytes",
            _get(base_pages, "total_pages_bytes"),
        )
        add(
            "total_site_bytes",
            "total site size",
            pages["total_site_bytes"],
            "bytes",
            _get(base_pages, "total_site_bytes"),
        )
    lh = results.get("lighthouse")
    if not _skipped(lh):
        base_front = lh.get("baseline_front") or {}
        labels = [k for k, v in lh.items() if isinstance(v, dict) and "page" in v and k != "baseline_front"]
        for label in [*labels, "baseline_front"]:
            entry = lh.get(label)
            if not entry:
                continue
            kind = label.replace("_", " ")
            if entry.get("missing"):
                add(
                    f"lighthouse_{label}_performance",
                    f"Lighthouse, {kind} ({entry['page']})",
                    None,
                    "score",
                    note="page not in the built site",
                )
                continue
            base_value = (lambda key: None) if label == "baseline_front" else base_front.get
            notes = []
            if entry["offsite_requests"]:
                notes.append(
                    f"{len(entry['offsite_requests'])} off-machine request(s) blocked: "
                    + ", ".join(entry["offsite_requests"])
                )
            if entry.get("runs", 1) > 1:
                notes.append(
                    f"median of {entry['runs']} runs (performance {entry['performance_runs']}, "
                    f"load average {entry['load_averages']})"
                )
            for cat in ("performance", "accessibility"):
                note = "; ".join(
                    notes
                    + (
                        ["failing audits: " + ", ".join(entry["failing_accessibility_audits"])]
                        if cat == "accessibility" and entry.get("failing_accessibility_audits")
                        else []
                    )
                )
                add(
                    f"lighthouse_{label}_{cat}",
                    f"Lighthouse {cat}, {kind} ({entry['page']})",
                    entry.get(cat),
                    "score",
                    base_value(cat),
                    note=note,
                )
            for key, name, unit in (
                ("fcp_ms", "first contentful paint", "ms"),
                ("lcp_ms", "largest contentful paint", "ms"),
                ("tbt_ms", "total blocking time", "ms"),
                ("cls", "cumulative layout shift", ""),
                ("js_bytes", "JavaScript loaded", "bytes"),
                ("css_bytes", "CSS loaded", "bytes"),
                ("critical_bytes", "HTML + render-blocking CSS", "bytes"),
            ):
                if key in entry:
                    add(f"lighthouse_{label}_{key}", f"  {name}, {kind}", entry[key], unit, base_value(key))
    phone = results.get("phone_figures")
    if phone and not _skipped(phone):
        for label, entry in phone.items():
            add(
                f"figure_text_{label}",
                f"smallest figure text at 390 px, {label.replace('_', ' ')} ({entry['page']})",
                entry.get("smallest_text_px"),
                "px",
                note=entry.get("note", ""),
            )
    return rows


def _budget_text(budget: dict | None, unit: str) -> str:
    if not budget:
        return ""
    if budget["limit"] is None:
        return "only the edited one" if budget["id"].endswith("_executes_only_edited") else "(limit unknown)"
    return "<= " + format_value(budget["limit"], unit)


def format_value(value, unit: str) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    if unit == "bytes":
        return f"{value / 1e6:.3f} MB"
    if unit == "s":
        return f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "score":
        return f"{value:g}/100"
    if unit == "px":
        return f"{value:.1f} px"
    return f"{value:g}"


def format_table(figures: list[Figure]) -> str:
    header = ("figure", "value", "budget", "within budget?", "baseline", "ratio")
    body = []
    for f in figures:
        ok = "" if not f.budget else {True: "yes", False: "NO", None: "n/a"}[f.within]
        body.append(
            (
                f.label,
                format_value(f.value, f.unit),
                f.budget,
                ok,
                "" if f.baseline is None else format_value(f.baseline, f.unit),
                "" if f.ratio is None else f"x{f.ratio:.2f}",
            )
        )
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in body]
    notes = [f"  {f.label.strip()}: {f.note}" for f in figures if f.note]
    if notes:
        out += ["", "notes:", *notes]
    return "\n".join(out)


def figures_json(figures: list[Figure]) -> list[dict]:
    return [asdict(f) for f in figures]
