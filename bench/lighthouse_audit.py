"""Lighthouse performance and accessibility scores of built pages, served from this machine only.

Lighthouse 12.2.3 (13 needs Node 22) lives in bench/lighthouse/ with its own
package-lock.json, so installing the book's front-end assets never pulls it in.
Chromium resolves no host name except 127.0.0.1 and sends every other request to a
dead local proxy port, so a page cannot reach the internet even if it tries; any
such attempt is listed (``offsite_requests``, all of them blocked).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from bench.builds import BenchmarkError

LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE_BIN = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Nothing leaves the machine: no DNS for any host but the local server, and every
    # non-loopback request (IP literals too) goes to a proxy port where nothing listens.
    "--host-resolver-rules='MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'",
    "--proxy-server=http://127.0.0.1:9",
]
CATEGORIES = ("performance", "accessibility")
#: Lighthouse audits behind the performance score (ms, except the layout-shift score).
METRICS = {
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TIMEOUT_S = 300


def ensure_lighthouse() -> Path:
    """The pinned Lighthouse; installed from bench/lighthouse/package-lock.json on first use."""
    if LIGHTHOUSE_BIN.exists():
        return LIGHTHOUSE_BIN
    if not shutil.which("npm"):
        raise BenchmarkError("Lighthouse needs npm (Node.js 20): install it, or pass --skip-lighthouse.")
    print(f"Installing the pinned Lighthouse into {LIGHTHOUSE_DIR} (npm ci)...", flush=True)
    proc = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=LIGHTHOUSE_DIR,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 or not LIGHTHOUSE_BIN.exists():
        raise BenchmarkError(
            f"npm ci in {LIGHTHOUSE_DIR} failed (it needs the npm registry once):\n"
            f"{proc.stderr[-2000:]}\nOr pass --skip-lighthouse."
        )
    return LIGHTHOUSE_BIN


def version() -> str:
    pkg = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json"
    return json.loads(pkg.read_text())["version"] if pkg.exists() else "not installed"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(site: Path):
    """``python -m http.server`` on 127.0.0.1 (a free port), in this process; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def parse_report(report: dict) -> dict:
    """Scores (0-100) and any request that tried to leave the machine, from a Lighthouse JSON report."""
    if report.get("runtimeError"):
        raise BenchmarkError(
            f"Lighthouse could not audit {report.get('requestedUrl')}: {report['runtimeError']}"
        )
    scores = {}
    for cat in CATEGORIES:
        score = report["categories"][cat]["score"]
        scores[cat] = None if score is None else round(score * 100)
    items = report["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    offsite = sorted(
        {
            i["url"]
            for i in items
            if urlparse(i["url"]).scheme in ("http", "https")
            and urlparse(i["url"]).hostname not in LOCAL_HOSTS
        }
    )
    settings = report.get("configSettings", {})
    # The load metrics behind the performance score, and the bytes of script and style the
    # page fetched while loading (what the network-requests audit saw; uncompressed here).
    metrics = {}
    for key, audit_id in METRICS.items():
        value = report["audits"].get(audit_id, {}).get("numericValue")
        metrics[key] = None if value is None else round(value, 3 if key == "cls" else 0)
    for key, kind in (("js_bytes", "Script"), ("css_bytes", "Stylesheet")):
        metrics[key] = sum(
            i.get("transferSize") or i.get("resourceSize") or 0
            for i in items
            if i.get("resourceType") == kind
        )
    # What the first paint waits for under simulated throttling: the page's HTML, then each
    # render-blocking style sheet (highest priority, requested before the first paint), one
    # after the other; on Lighthouse's slow link every 33 KB of it costs about 160 ms. A sheet
    # a script adds after the first paint (book-late.css) is not counted.
    observed = report["audits"].get("metrics", {}).get("details", {}).get("items") or [{}]
    first_paint = observed[0].get("observedFirstContentfulPaint", float("inf"))
    metrics["critical_bytes"] = sum(
        i.get("transferSize") or 0
        for i in items
        if i.get("resourceType") in ("Document", "Stylesheet")
        and i.get("priority") == "VeryHigh"
        and i.get("networkRequestTime", 0) < first_paint
    )
    # Which accessibility checks cost points: the score alone does not say what to fix.
    refs = report["categories"]["accessibility"].get("auditRefs", [])
    failing = sorted(
        r["id"]
        for r in refs
        if r.get("weight") and report["audits"].get(r["id"], {}).get("score") not in (None, 1)
    )
    return {
        **scores,
        **metrics,
        "failing_accessibility_audits": failing,
        "offsite_requests": offsite,
        "warnings": report.get("runWarnings", []),
        "form_factor": settings.get("formFactor"),
        "throttling": settings.get("throttlingMethod"),
        "lighthouse_version": report.get("lighthouseVersion"),
    }


def _run_once(binary: Path, url: str, page: str, out: Path) -> dict:
    cmd = [
        str(binary),
        url,
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
    ]
    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            env={**os.environ, "CHROME_PATH": CHROME_PATH},
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"Lighthouse gave no result for {page} within {TIMEOUT_S} s.") from exc
    if proc.returncode != 0 or not out.exists():
        raise BenchmarkError(f"Lighthouse failed on {page} (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return parse_report(json.loads(out.read_text(encoding="utf-8")))


#: Figures of several runs that are reported as their median.
MEDIAN_KEYS = ("performance", "accessibility", *METRICS, "js_bytes", "css_bytes", "critical_bytes")


def median_of_runs(runs: list[dict]) -> dict:
    """One entry from several runs of a page: the median of each figure (simulated throttling
    adds the CPU time observed on a shared machine, so one run can be far off), the last run's
    other fields, and every run's performance score and load average."""
    merged = dict(runs[-1])
    for key in MEDIAN_KEYS:
        values = [r[key] for r in runs if r.get(key) is not None]
        merged[key] = statistics.median(values) if values else None
    merged["runs"] = len(runs)
    merged["performance_runs"] = [r.get("performance") for r in runs]
    merged["load_averages"] = [r.get("load_average") for r in runs]
    merged["failing_accessibility_audits"] = sorted(
        {a for r in runs for a in r["failing_accessibility_audits"]}
    )
    return merged


def audit(site: Path, pages: dict[str, str], workdir: Path, runs: int = 1) -> dict[str, dict]:
    """{label: scores} for each ``label -> page path`` of ``site``, the median of ``runs`` runs
    (taken in turn over all pages); a missing page is reported, not audited."""
    binary = ensure_lighthouse()
    if not Path(CHROME_PATH).exists():
        raise BenchmarkError(
            f"Chromium not found at {CHROME_PATH}: apt-get install chromium, set CHROME_PATH, "
            "or pass --skip-lighthouse."
        )
    workdir.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[dict]] = {label: [] for label in pages}
    results: dict[str, dict] = {}
    with serve(site) as base:
        for n in range(max(1, runs)):
            for label, page in pages.items():
                if not (site / page).is_file():
                    results[label] = {"page": page, "missing": True}
                    continue
                load = round(os.getloadavg()[0], 1)
                entry = _run_once(binary, base + page, page, workdir / f"{label}-{n + 1}.json")
                found[label].append({"page": page, **entry, "load_average": load})
    for label, entries in found.items():
        if entries:
            results[label] = median_of_runs(entries)
    return results
