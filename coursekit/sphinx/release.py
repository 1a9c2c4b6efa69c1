"""Release facts and PDF settings, applied to the Sphinx config when the build starts.

- **Version and date** from one place (``coursekit.__version__``, ``coursekit.RELEASE_DATE``):
  Sphinx's ``version``/``release``, a line in the HTML footer, the PDF title page
  ("Version 1.0.0", and the release date as the title page's date).
- **Dates in the prose** from one setting: ``coursekit.course.substitutions()`` becomes MyST
  substitutions (``{{ course_as_of }}``, ``{{ record_as_of }}``), which pages use instead of
  writing the dates in.
- **Paper size**: A4, or US Letter with ``COURSE_PAPER=letter`` (see ``coursekit/settings.py``).
- **PDF metadata**: title, author, subject, keywords and language (hyperref ``pdfinfo``).
"""

from __future__ import annotations

import datetime as dt
import html

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .. import RELEASE_DATE, __version__, course, settings

PAPER_SIZES = {"a4": "a4paper", "letter": "letterpaper"}
PDF_SUBJECT = (
    "A teaching module on reading a polemical geopolitical text critically: a 2018 essay on "
    "Japan, Russia and US tariffs, its claims, the data, and how its forecasts turned out"
)
PDF_KEYWORDS = [
    "Japan",
    "Russia",
    "United States",
    "tariffs",
    "Russia-Japan relations",
    "critical reading",
    "forecasting",
    "geopolitics",
    "teaching module",
]


def release_date() -> dt.date:
    return dt.date.fromisoformat(RELEASE_DATE)


def release_label() -> str:
    """'27 November 2026'."""
    d = release_date()
    return f"{d.day} {d:%B %Y}"


def footer_html() -> str:
    return (
        f'<p class="course-version">Version {html.escape(__version__)}, last updated '
        f'<time datetime="{RELEASE_DATE}">{release_label()}</time>.</p>'
    )


def _tex(text: str) -> str:
    # Metadata strings go into \hypersetup{key={...}}: escape TeX's specials.
    for char, repl in [
        ("\\", r"\textbackslash{}"),
        ("{", r"\{"),
        ("}", r"\}"),
        ("&", r"\&"),
        ("%", r"\%"),
        ("#", r"\#"),
        ("_", r"\_"),
        ("$", r"\$"),
    ]:
        text = text.replace(char, repl)
    return text


def pdf_language(config: Config) -> str:
    return (config.language or "en").replace("_", "-")


def hypersetup(config: Config) -> str:
    keys = {
        "pdftitle": config.project,
        "pdfauthor": config.author,
        "pdfsubject": PDF_SUBJECT,
        "pdfkeywords": ", ".join(PDF_KEYWORDS),
        "pdflang": pdf_language(config),
    }
    body = ",\n  ".join(f"{k}={{{_tex(v)}}}" for k, v in keys.items())
    # At the start of the document, after Sphinx's own \hypersetup, so these values win.
    # xdvipdfmx (XeLaTeX) ignores hyperref's pdflang, so the catalog's /Lang is also put directly.
    lang = _tex(pdf_language(config))
    return (
        f"\n% PDF metadata (coursekit/sphinx/release.py)\n\\AtBeginDocument{{\\hypersetup{{\n  {body}}}%\n"
        f"  \\ifdefined\\XeTeXrevision\\special{{pdf:put @catalog <</Lang ({lang})>>}}\\fi}}\n"
    )


def _configure(app: Sphinx, config: Config) -> None:
    try:
        paper = settings.current().paper
    except settings.SettingsError as err:
        raise ConfigError(str(err)) from err
    config.version = config.release = __version__
    config.today = f"Last updated {release_label()}"  # the PDF title page's date line
    subs = dict(course.substitutions())
    subs.update(config.myst_substitutions or {})  # a value set in _config.yml wins
    config.myst_substitutions = subs
    theme = config.html_theme_options
    theme["extra_footer"] = (theme.get("extra_footer") or "") + footer_html()
    latex = dict(config.latex_elements or {})
    latex["papersize"] = PAPER_SIZES[paper]
    latex["releasename"] = "Version"
    latex["preamble"] = (latex.get("preamble") or "") + hypersetup(config)
    config.latex_elements = latex


def setup(app: Sphinx) -> None:
    # After Jupyter Book has filled the config from _config.yml; before myst reads substitutions.
    app.connect("config-inited", _configure, priority=200)
