"""Small modules: no module over 600 lines, no function over 60, no class over 200 (issue #15).

One test per module of ``coursekit``, so a failure names the module (and its owner can fix it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "coursekit"
MAX_MODULE, MAX_FUNCTION, MAX_CLASS = 600, 60, 200
MODULES = sorted(PACKAGE.rglob("*.py"))


def too_long(path: Path) -> list[str]:
    """Every limit ``path`` breaks, as readable lines."""
    text = path.read_text(encoding="utf-8")
    problems = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE:
        problems.append(f"module has {lines} lines (limit {MAX_MODULE})")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            size = node.end_lineno - node.lineno + 1
            limit = MAX_CLASS if isinstance(node, ast.ClassDef) else MAX_FUNCTION
            if size > limit:
                kind = "class" if isinstance(node, ast.ClassDef) else "function"
                problems.append(f"{kind} {node.name} (line {node.lineno}) has {size} lines (limit {limit})")
    return problems


def test_the_limits_are_checked_on_a_known_offender(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(61))
    (tmp_path / "m.py").write_text(f"def f():\n{body}\n", encoding="utf-8")
    assert too_long(tmp_path / "m.py") == ["function f (line 1) has 62 lines (limit 60)"]


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(PACKAGE.parent).as_posix() for p in MODULES])
def test_module_function_and_class_sizes(path):
    assert too_long(path) == []
