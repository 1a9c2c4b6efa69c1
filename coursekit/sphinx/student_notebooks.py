"""Student notebooks for Binder: the MyST sources as ``.ipynb``, student edition.

    python -m coursekit.sphinx.student_notebooks OUT_DIR [--replace]

writes ``OUT_DIR/chapters/*.ipynb`` and ``OUT_DIR/exercises/*.ipynb`` for every page of
``_toc.yml`` under those folders. The rules are those of the ``--student`` edition
(:mod:`coursekit.sphinx.editions`): directives whose class is ``solution``,
``solution-start`` or ``instructor-note``, gated ``{solution-start}``...``{solution-end}``
regions and pages marked ``course_edition: instructor`` are left out.

Why ``.ipynb`` and not the ``.md`` sources: JupyterLab with ``jupyterlab-myst`` opens a
``.md`` file in the text editor, and jupyterlab-myst renders neither Sphinx roles that
need the whole book (``{cite:p}``, ``{term}``, ``{doc}``, ``{ref}``) nor sphinx-exercise
and sphinxcontrib-bibtex directives. So they are turned into plain Markdown here:

- ``{cite:p}`a,b``` -> "(Brown, 2018a; Kireeva, 2019)", the same labels as the book;
- ``{term}`x``` -> x; ``{doc}`../chapters/x``` -> a link to ``x.ipynb`` titled like the
  page (or the title alone when the page is not in the student notebooks);
- ``{only}`` blocks are kept when their condition holds with no tags set (a notebook
  is not a build with launch buttons); ``{exercise-start}`` -> a heading; ``{glossary}`` -> bold terms with their definitions;
  ``{bibliography}`` -> the cited works as a list; ``{course-downloads}`` -> a sentence;
  ``{dataset-list}`` -> the list of datasets, linking their notebooks;
- code cells tagged ``remove-input``/``hide-input``/``remove-cell`` open collapsed
  (``jupyter.source_hidden``); ``hide-output``/``remove-output`` collapse their output.

Any other role or directive stops the run with the file and line, so nothing raw
reaches a student. ``--replace`` (used by ``binder/postBuild``) then deletes the ``.md``
sources it converted and the instructor-only pages, so Binder holds only the student
edition.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
import yaml
from sphinx.util.tags import Tags

from .. import course
from ..paths import REPO_ROOT
from . import datasets
from .editions import HIDDEN_CLASSES, PAGE_KEY, PAGE_VALUE

FOLDERS = ("chapters", "exercises")
BIB_FILES = ("references/core.bib", "references/later.bib")
COLLAPSE_INPUT = {"remove-input", "hide-input", "remove-cell"}
COLLAPSE_OUTPUT = {"remove-output", "hide-output"}
# Roles jupyterlab-myst renders by itself.
KEPT_ROLES = {"math", "sub", "sup", "abbr", "kbd"}
# Directives jupyterlab-myst renders by itself (contents still get their roles degraded).
KEPT_DIRECTIVES = {
    "code-cell",
    "admonition",
    "note",
    "tip",
    "warning",
    "important",
    "caution",
    "attention",
    "hint",
    "seealso",
    "dropdown",
    "math",
    "figure",
    "image",
    "table",
    "list-table",
    "code",
    "code-block",
}
DOWNLOADS_TEXT = (
    "The PDF editions (the whole course, student edition, and a seminar handout per "
    "chapter) are linked from this page in the web book."
)

FENCE = re.compile(r"(?m)^(?P<indent>[ \t]*)(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:.-]+)\}[ \t]*(?P<arg>.*)$")
ROLE = re.compile(r"\{(?P<name>[\w:.-]+)\}`(?P<body>[^`]*)`")
RAW_ROLE = re.compile(r"\{(?P<name>[\w:.-]+)\}`")
TARGET = re.compile(r"^\([\w.:-]+\)=[ \t]*$")
EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


class StudentNotebookError(ValueError):
    """A source uses MyST that cannot be shown to a student in JupyterLab."""


@dataclass
class Book:
    root: Path
    pages: list[str]  # docnames such as "chapters/03-rapprochement"
    titles: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # citation key -> "Brown, 2018a"
    instructor_only: set[str] = field(default_factory=set)
    bib_markdown: list[str] = field(default_factory=list)

    @property
    def student_pages(self) -> list[str]:
        return [p for p in self.pages if p not in self.instructor_only]


def _toc_pages(toc: dict, root: Path) -> list[str]:
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node or "root" in node:
                found.append(str(node.get("file") or node.get("root")).removesuffix(".md"))
            if "glob" in node:  # as Sphinx expands it: the matching pages, sorted by name
                matches = sorted(p.relative_to(root).as_posix()[:-3] for p in root.glob(f"{node['glob']}.md"))
                if not matches:
                    raise StudentNotebookError(
                        f"_toc.yml: 'glob: {node['glob']}' matches no page; add one or remove the entry"
                    )
                found.extend(matches)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return [p for p in found if p.split("/")[0] in FOLDERS]


def _front_matter(text: str) -> dict:
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(match.group(1)) or {} if match else {}


def _cited_keys(texts) -> set[str]:
    keys: set[str] = set()
    for text in texts:
        for m in ROLE.finditer(text):
            if m.group("name").startswith("cite"):
                keys.update(k.strip() for k in m.group("body").split(","))
    return keys


def _bibliography(root: Path, cited: set[str]) -> tuple[dict[str, str], list[str]]:
    # The labels of coursekit.sphinx.bibstyle, over the cited works in the bibliography's
    # order, as sphinxcontrib-bibtex makes them for the book.
    from pybtex.database import BibliographyData, parse_file

    from .bibstyle import CourseStyle, register

    entries = {}
    for name in BIB_FILES:
        path = root / name
        if path.is_file():
            entries.update(parse_file(str(path), bib_format="bibtex").entries)
    unknown = sorted(cited - set(entries))
    if unknown:
        raise StudentNotebookError(
            f"citation keys not in {', '.join(BIB_FILES)}: {', '.join(unknown)}; "
            "add the works to one of those files or fix the keys in the pages that cite them"
        )
    data = BibliographyData({k: v for k, v in entries.items() if k in cited})
    register()
    formatted = CourseStyle().format_bibliography(data)
    labels, items = {}, []
    for entry in formatted:
        labels[entry.key] = entry.label
        text = " ".join(entry.text.render_as("markdown").split("\n"))
        items.append(f"- **{entry.label}.** {text}")
    return labels, items


def load_book(root: Path = REPO_ROOT) -> Book:
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    book = Book(root=root, pages=_toc_pages(toc, root))
    texts = {}
    for page in book.pages:
        path = root / f"{page}.md"
        if not path.is_file():
            raise StudentNotebookError(
                f"_toc.yml lists {page}, but {path} does not exist; add the page or remove it from _toc.yml"
            )
        texts[page] = path.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", texts[page], re.M)
        book.titles[page] = title.group(1).strip() if title else page
        if str(_front_matter(texts[page]).get(PAGE_KEY, "")).lower() == PAGE_VALUE:
            book.instructor_only.add(page)
    students = [texts[p] for p in book.student_pages]
    book.labels, book.bib_markdown = _bibliography(root, _cited_keys(students))
    return book


# --- directives --------------------------------------------------------------------------


@dataclass
class _Block:
    name: str
    arg: str
    options: dict[str, str]
    body: list[str]
    end: int  # index of the closing fence line


def _read_block(lines: list[str], start: int, where: str) -> _Block:
    m = FENCE.match(lines[start])
    fence = m.group("fence")
    closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    options, body = {}, []
    i = start + 1
    while i < len(lines) and (opt := re.match(r"^[ \t]*:([\w-]+):[ \t]*(.*)$", lines[i])):
        options[opt.group(1)] = opt.group(2).strip()
        i += 1
    depth = 0
    while i < len(lines):
        line = lines[i]
        inner = FENCE.match(line)
        if inner and inner.group("fence")[0] == fence[0] and len(inner.group("fence")) == len(fence):
            depth += 1
        elif closing.match(line):
            if depth == 0:
                return _Block(m.group("name"), m.group("arg").strip(), options, body, i)
            depth -= 1
        body.append(line)
        i += 1
    raise StudentNotebookError(
        f"{where}:{start + 1}: the {{{m.group('name')}}} directive is never closed; "
        f"end it with a line of {fence} alone"
    )


def _hidden(block: _Block) -> bool:
    classes = set(block.options.get("class", "").split())
    return block.name in ("solution", "solution-start") or bool(HIDDEN_CLASSES & classes)


def _glossary_markdown(body: list[str]) -> list[str]:
    out: list[str] = []
    for line in body:
        if not line.strip():
            continue
        if line[:1] in (" ", "\t"):
            out.extend([line.strip(), ""])
        else:
            out.extend([f"**{line.strip()}**", ""])
    return out


def _dataset_list(book: Book) -> list[str]:
    """The About page's list of datasets, each linking its page's notebook."""
    return datasets.list_markdown(datasets.dataset_pages(book.root), suffix=".ipynb", anchors=False)


def _directives(text: str, book: Book, where: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if TARGET.match(line):  # (label)= : a Sphinx target, nothing to show
            i += 1
            continue
        m = FENCE.match(line)
        if not m:
            out.append(line)
            i += 1
            continue
        block = _read_block(lines, i, where)
        name = block.name
        if name == "code-cell":
            out.extend(lines[i : block.end + 1])
        elif name == "solution-start":
            end = next(
                (
                    j
                    for j in range(block.end + 1, len(lines))
                    if (f := FENCE.match(lines[j])) and f.group("name") == "solution-end"
                ),
                None,
            )
            if end is None:
                raise StudentNotebookError(f"{where}:{i + 1}: {{solution-start}} has no {{solution-end}}")
            block = _read_block(lines, end, where)
        elif _hidden(block):
            pass
        elif name == "exercise-start":
            out.append(f"## Exercise {block.arg}" if block.arg else "## Exercise")
        elif name in ("exercise-end", "solution-end"):
            pass
        elif name == "exercise":
            out.extend([f"## Exercise {block.arg}".rstrip(), "", *block.body])
        elif name == "glossary":
            out.extend(_glossary_markdown(block.body))
        elif name == "bibliography":
            out.extend(book.bib_markdown)
        elif name == "only":  # a notebook is no launch-button build: evaluate without tags
            if Tags().eval_condition(block.arg):
                out.append(_directives("\n".join(block.body), book, where))
        elif name == "course-downloads":
            out.append(DOWNLOADS_TEXT)
        elif name == "dataset-list":
            out.extend(_dataset_list(book))
        elif name in KEPT_DIRECTIVES:
            inner = _directives("\n".join(block.body), book, where)
            out.extend([lines[i], *[f":{k}: {v}" for k, v in block.options.items()], inner, lines[block.end]])
        else:
            raise StudentNotebookError(
                f"{where}:{i + 1}: the {{{name}}} directive has no student-notebook form; "
                "teach coursekit/sphinx/student_notebooks.py how to show it"
            )
        i = block.end + 1
    return "\n".join(out)


# --- roles --------------------------------------------------------------------------------


def _relative(target: str, page: str, book: Book) -> str | None:
    base = Path(page).parent
    path = Path(target.lstrip("/")) if target.startswith("/") else base / target
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    doc = "/".join(parts).removesuffix(".md")
    return doc if doc in book.titles else None


def _link(doc: str, page: str) -> str:
    here = Path(page).parent
    there = Path(doc)
    if there.parent == here:
        return f"{there.name}.ipynb"
    return f"../{doc}.ipynb" if len(here.parts) == 1 else f"{doc}.ipynb"


def _role(m: re.Match, page: str, book: Book, where: str) -> str:
    name, body = m.group("name"), m.group("body")
    explicit = EXPLICIT.match(body)
    text, target = (explicit.group("text"), explicit.group("target")) if explicit else (None, body)
    if name == "cite:p" or name == "cite:t":
        labels = []
        for key in (k.strip() for k in body.split(",")):
            if key not in book.labels:
                raise StudentNotebookError(
                    f"{where}: citation key {key!r} is not in the bibliography of the pages in _toc.yml; "
                    f"add the page to _toc.yml or the key to {', '.join(BIB_FILES)}"
                )
            labels.append(book.labels[key])
        return f"({'; '.join(labels)})" if name == "cite:p" else "; ".join(labels)
    if name == "term":
        return text or target
    if name == "doc":
        doc = _relative(target, page, book)
        if doc is None:
            raise StudentNotebookError(f"{where}: {{doc}}`{body}` names no page of _toc.yml")
        title = text or book.titles[doc]
        if doc in book.student_pages:
            return f"[{title}]({_link(doc, page)})"
        return f"*{title}*"
    if name in ("ref", "numref"):
        return text or target.replace("-", " ")
    if name == "track":  # the exercise's label, as the book shows it ("Track: no code")
        return f"**Track: {' '.join(body.split()).lower()}**"
    if name in KEPT_ROLES:
        return m.group(0)
    raise StudentNotebookError(
        f"{where}: the {{{name}}} role has no student-notebook form; "
        "teach coursekit/sphinx/student_notebooks.py how to show it"
    )


def _roles(text: str, page: str, book: Book, where: str) -> str:
    return ROLE.sub(lambda m: _role(m, page, book, where), text)


SUBSTITUTION = re.compile(r"\{\{\s*([A-Za-z_][\w-]*)\s*\}\}")


def _substitute(text: str, where: str) -> str:
    """MyST ``{{ name }}`` substitutions (the course's dates), filled as the book fills them."""
    values = course.substitutions()

    def fill(m: re.Match) -> str:
        if m.group(1) not in values:
            raise StudentNotebookError(
                f"{where}: {{{{ {m.group(1)} }}}} is not a course substitution; "
                f"use one of {', '.join(sorted(values))} (coursekit/course.py)"
            )
        return values[m.group(1)]

    return SUBSTITUTION.sub(fill, text)


def _no_raw_myst(source: str, where: str) -> None:
    roles = [m.group("name") for m in RAW_ROLE.finditer(source)]
    directives = [m.group("name") for m in FENCE.finditer(source)]
    raw = [f"{{{n}}}" for n in roles if n not in KEPT_ROLES]
    raw += [f"{{{n}}}" for n in directives if n not in KEPT_DIRECTIVES]
    if raw:
        raise StudentNotebookError(f"{where}: raw MyST left in a student cell: {', '.join(raw)}")


# --- pages --------------------------------------------------------------------------------


def student_notebook(page: str, book: Book) -> nbformat.NotebookNode:
    """The student notebook of one page (a docname such as ``chapters/02-thesis``)."""
    path = book.root / f"{page}.md"
    where = str(path.relative_to(book.root))
    text = _directives(path.read_text(encoding="utf-8"), book, where)
    nb = jupytext.reads(text, fmt="myst")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _roles(_substitute(cell.source, where), page, book, where)
            _no_raw_myst(cell.source, where)
        elif cell.cell_type == "code":
            tags = set(cell.metadata.get("tags", []))
            jupyter = {}
            if tags & COLLAPSE_INPUT:
                jupyter["source_hidden"] = True
            if tags & COLLAPSE_OUTPUT:
                jupyter["outputs_hidden"] = True
            if jupyter:
                cell.metadata["jupyter"] = jupyter
    nb.metadata.pop("jupytext", None)  # a plain notebook, not paired with a .md file
    nb.metadata.setdefault(
        "kernelspec", {"display_name": "Python 3", "language": "python", "name": "python3"}
    )
    nb.metadata.setdefault("language_info", {"name": "python"})
    return nb


def write_all(out_dir: Path, root: Path = REPO_ROOT, *, replace: bool = False) -> list[Path]:
    """Write every student notebook under ``out_dir``; with ``replace``, delete the sources."""
    book = load_book(root)
    written = []
    for page in book.student_pages:
        target = out_dir / f"{page}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student_notebook(page, book), str(target))
        written.append(target)
    if replace:
        for page in book.pages:
            (root / f"{page}.md").unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="folder to write chapters/ and exercises/ into")
    parser.add_argument(
        "--root", type=Path, default=REPO_ROOT, help="the book's folder (default: this repository)"
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="delete the converted .md sources and instructor-only pages afterwards (Binder)",
    )
    args = parser.parse_args(argv)
    try:
        written = write_all(args.out_dir, args.root.resolve(), replace=args.replace)
    except StudentNotebookError as err:
        print(f"student notebooks: {err}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} student notebooks under {args.out_dir}/ ({', '.join(FOLDERS)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
