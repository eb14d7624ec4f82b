"""Answers that use the tests' own code: the names a student's cell reads that only the
assignment's test cells define (hidden tests included), found with the ``ast`` module.
:class:`coursekit.grading.integrity.CheckSubmission` records them as ``uses-test-code``, and
``Verdict`` withholds the points of that exercise's tests."""
from __future__ import annotations

import ast
import builtins

from .models import Finding, Level
from .plainrun import to_python


def _parse(src: str) -> ast.Module | None:
    try:
        return ast.parse(to_python(src))
    except SyntaxError:
        return None


def top_level_names(src: str) -> set[str]:
    """Names a cell binds outside any function or class: assignments (loops included), function
    and class names, imports."""
    tree = _parse(src)
    out: set[str] = set()
    if tree is None:
        return out

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.add(child.name)
                continue                      # its body is its own scope
            if isinstance(child, ast.Lambda):
                continue
            if isinstance(child, ast.Name) and not isinstance(child.ctx, ast.Load):
                out.add(child.id)
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                out.update((a.asname or a.name).split(".")[0] for a in child.names)
            visit(child)

    visit(tree)
    return out


def free_names(src: str) -> set[str]:
    """Names a cell reads that it binds nowhere (in no scope of its own) and that are not builtins:
    what it takes from the notebook's other cells."""
    tree = _parse(src)
    if tree is None:
        return set()
    bound, loaded = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return loaded - bound - set(dir(builtins))


def uses_test_code(cells: list[tuple[str, str, bool]], test_sources: list[str],
                   other_sources: list[str]) -> list[Finding]:
    """A finding for each student cell (``(where, source, is_students)``) that reads a name only
    test cells define: bound by a test cell, and by no other cell the course gave."""
    test_names = set().union(*map(top_level_names, test_sources)) if test_sources else set()
    test_names -= set().union(*map(top_level_names, other_sources)) if other_sources else set()
    out = []
    for where, src, students in cells:
        used = sorted(free_names(src) & test_names) if students else []
        if used:
            out.append(Finding("uses-test-code", Level.ZEROED, "the answer reads " + ", ".join(used[:5])
                               + ", which only the tests define", where))
    return out
