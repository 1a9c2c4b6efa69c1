"""Re-run a chapter when its quiz file changes.

The chapters run through Jupyter Book's execution cache, which is keyed on the notebook's
own text. A self-check cell is only ``quiz.show("<chapter>")``, so editing
``chapters/quizzes/<chapter>.yml`` (or the dates it fills in, or the quiz code) would leave
the old questions in the cached output. Before Sphinx reads the sources, this compares a
digest of each chapter's quiz inputs with the one recorded at the previous build; for a
changed chapter it drops the cached execution and marks the page for re-reading.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import course, quiz

STAMPS = "coursekit-quiz-stamps.json"
logger = logging.getLogger(__name__)


def digest(chapter: str) -> str:
    h = hashlib.sha256()
    for path in (quiz.quiz_path(chapter), Path(quiz.__file__)):
        h.update(path.read_bytes())
    h.update(json.dumps(course.substitutions(), sort_keys=True).encode())
    return h.hexdigest()


def _cache_dir(app: Sphinx) -> Path | None:
    config = getattr(app.env, "mystnb_config", None)
    path = getattr(config, "execution_cache_path", None)
    return Path(path) if path else None


def _drop_cached_runs(cache_dir: Path, sources: list[Path]) -> None:
    if not (cache_dir / "global.db").is_file():
        return
    from jupyter_cache import get_cache

    cache = get_cache(str(cache_dir))
    known = {r.uri for r in cache.list_project_records()}
    for source in sources:
        if str(source) not in known:
            continue
        record = cache.get_cached_project_nb(str(source))
        if record is not None:
            cache.remove_cache(record.pk)


def _outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    cache_dir = _cache_dir(app)
    if cache_dir is None:
        return []
    stamps_file = cache_dir / STAMPS
    old = json.loads(stamps_file.read_text(encoding="utf-8")) if stamps_file.is_file() else {}
    new = {p.stem: digest(p.stem) for p in sorted(quiz.QUIZ_DIR.glob("*.yml"))}
    stale = [stem for stem, value in new.items() if old.get(stem) != value]
    docs = [f"chapters/{stem}" for stem in stale if f"chapters/{stem}" in env.found_docs]
    if docs:
        logger.info(f"[coursekit] quiz files changed, re-running: {', '.join(docs)}")
        _drop_cached_runs(cache_dir, [Path(app.srcdir, doc + ".md").resolve() for doc in docs])
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamps_file.write_text(json.dumps(new, indent=1, sort_keys=True), encoding="utf-8")
    return docs


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", _outdated)
