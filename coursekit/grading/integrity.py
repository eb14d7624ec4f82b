"""Integrity checks of a submission, before anything runs: ``CheckSubmission``.

An nbgrader preprocessor (first in ``Autograde.sanitize_preprocessors``, before nbgrader's
``OverwriteCells`` puts the original locked cells back), so ``nbgrader autograde`` runs it
too. It compares the submission with the gradebook's source cells (deleted or edited test
and locked cells, execution tags) and reads the student's code with the ``ast`` module:

* **monkeypatching**: assignment (or ``setattr``/``delattr``/``del``) to an attribute of a
  module, whatever name reaches it: ``import numpy as np``, ``from numpy import testing``,
  ``t = np.testing``, ``_n = [np][0]``, ``m = sys.modules["numpy"]``, a ``for`` loop over
  modules, ``np.__dict__[...]``, ``vars(np)[...]``; ``exec`` of code that cannot be read;
* **suspicious code**: paths of the gradebook and other folders, ``ctypes``, ``gc``,
  ``inspect``, frames, ``__subclasses__`` and the like;
* **exits**: ``os._exit``, ``sys.exit`` and the like;
* **the tests' own code used by an answer**: a student's cell that reads a name only the
  assignment's test cells define (hidden ones included: their helpers, oracles and
  variables), e.g. an answer that returns the tests' exact values. Its exercise's points are
  withheld (``Verdict``) until an instructor looks.

The findings go into the notebook's ``metadata.coursekit.findings`` (reset first: a student
cannot plant them); ``Verdict`` withholds the points of a notebook that monkeypatches. The
plain run's dynamic check (:mod:`coursekit.grading.plainrun`) catches patches that no name
reveals (a module passed to a function).
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from nbgrader.preprocessors import NbGraderPreprocessor

from ..layout import EXECUTION_TAGS
from ..notebooks import cell_source, nbg
from .models import METADATA_KEY, Finding, Level
from .plainrun import to_python
from .testcode import uses_test_code

PATH_WORDS = ("gradebook", "solutions", "submitted", "autograded", "feedback", "../", "..\\", "/etc/", "/root")
RISKY_MODULES = {"ctypes", "gc", "importlib", "inspect", "subprocess", "socket", "builtins"}
RISKY_ATTRS = {"__dict__", "__globals__", "__builtins__", "__code__", "__subclasses__", "_getframe", "f_back",
               "f_locals", "f_globals", "input_transformers_cleanup", "input_transformers_post", "ast_transformers",
               "register", "run_cell", "events", "modules"}
EXIT_CALLS = {"_exit", "exit", "quit", "kill", "abort"}
DYNAMIC_CODE = {"exec", "eval", "compile"}


class Scan(ast.NodeVisitor):
    """Monkeypatching, suspicious code and exits in one cell; ``modules`` carries the names
    bound to modules (or to anything reached from one) from cell to cell."""

    def __init__(self, modules: set[str]):
        self.modules = modules
        self.patch: list[str] = []
        self.suspicious: list[str] = []
        self.exits: list[str] = []

    def reaches_module(self, e: ast.AST | None) -> bool:
        """Could ``e`` evaluate to a module (or an object reached through one)?"""
        if isinstance(e, ast.Name):
            return e.id in self.modules
        if isinstance(e, (ast.Attribute, ast.Subscript, ast.Starred)):
            if isinstance(e, ast.Attribute) and e.attr in ("modules", "__dict__"):
                return True
            return self.reaches_module(e.value)
        if isinstance(e, (ast.List, ast.Tuple, ast.Set)):
            return any(self.reaches_module(x) for x in e.elts)
        if isinstance(e, ast.Dict):
            return any(self.reaches_module(x) for x in e.values)
        if isinstance(e, ast.IfExp):
            return self.reaches_module(e.body) or self.reaches_module(e.orelse)
        if isinstance(e, ast.BoolOp):
            return any(self.reaches_module(x) for x in e.values)
        if isinstance(e, ast.NamedExpr):
            return self.reaches_module(e.value)
        if isinstance(e, ast.Call):
            f = e.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            return name in ("__import__", "import_module", "vars", "reload") or (
                name == "getattr" and bool(e.args) and self.reaches_module(e.args[0]))
        return False

    def bind(self, target: ast.AST) -> None:
        for n in ast.walk(target):
            if isinstance(n, ast.Name):
                self.modules.add(n.id)

    def visit_Import(self, node: ast.Import) -> None:
        for a in node.names:
            self.modules.add((a.asname or a.name).split(".")[0])
            if a.name.split(".")[0] in RISKY_MODULES:
                self.suspicious.append(f"line {node.lineno}: imports {a.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for a in node.names:   # from numpy import testing: `testing` reaches a module
            self.modules.add(a.asname or a.name)
        if (node.module or "").split(".")[0] in RISKY_MODULES:
            self.suspicious.append(f"line {node.lineno}: imports from {node.module}")

    def check_target(self, t: ast.AST, line: int, verb: str = "assigns to") -> None:
        if isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                self.check_target(e, line, verb)
        elif isinstance(t, (ast.Attribute, ast.Subscript)) and self.reaches_module(t.value):
            if isinstance(t, ast.Subscript) and not self._namespace(t.value):
                return   # x[0] = 1 on an array from np.zeros: not the module
            self.patch.append(f"line {line}: {verb} {ast.unparse(t)}")
        elif isinstance(t, ast.Name) and t.id in ("__builtins__",):
            self.patch.append(f"line {line}: rebinds __builtins__")

    def _namespace(self, e: ast.AST) -> bool:
        """``np.__dict__``, ``vars(np)``, ``sys.modules``, ``[np][0]``: a subscript into these
        reaches a module's names."""
        if isinstance(e, ast.Attribute):
            return e.attr in ("__dict__", "modules")
        if isinstance(e, ast.Call):
            return isinstance(e.func, ast.Name) and e.func.id == "vars"
        return isinstance(e, (ast.List, ast.Tuple, ast.Dict)) or (isinstance(e, ast.Subscript)
                                                                   and self._namespace(e.value))

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        for t in node.targets:
            self.check_target(t, node.lineno)
        if self.reaches_module(node.value):
            for t in node.targets:
                self.bind(t)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.generic_visit(node)
        self.check_target(node.target, node.lineno)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.generic_visit(node)
        self.check_target(node.target, node.lineno)

    def visit_Delete(self, node: ast.Delete) -> None:
        for t in node.targets:
            self.check_target(t, node.lineno, "deletes")

    def visit_For(self, node: ast.For) -> None:
        if self.reaches_module(node.iter):
            self.bind(node.target)
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        if self.reaches_module(node.iter):
            self.bind(node.target)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        if name in ("setattr", "delattr") and node.args:
            if self.reaches_module(node.args[0]):
                self.patch.append(f"line {node.lineno}: {name}({ast.unparse(node.args[0])}, ...)")
            else:
                self.suspicious.append(f"line {node.lineno}: calls {name}")
        elif name in DYNAMIC_CODE and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                try:
                    inner = Scan(self.modules)
                    inner.visit(ast.parse(arg.value))
                    self.patch += [f"line {node.lineno}, in {name}(): {p}" for p in inner.patch]
                    self.suspicious += inner.suspicious
                except SyntaxError:
                    self.suspicious.append(f"line {node.lineno}: {name}() of text that is not Python")
            else:
                self.patch.append(f"line {node.lineno}: {name}() of code that cannot be checked")
        elif name in ("__import__", "globals", "vars", "get_ipython"):
            self.suspicious.append(f"line {node.lineno}: calls {name}")
        elif name in EXIT_CALLS:
            self.exits.append(f"line {node.lineno}: {ast.unparse(f)}()")
        elif name in ("system", "popen", "Popen", "fork", "spawnv", "execv", "symlink", "link"):
            self.suspicious.append(f"line {node.lineno}: {ast.unparse(f)}()")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in RISKY_ATTRS:
            self.suspicious.append(f"line {node.lineno}: uses .{node.attr}")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and any(w in node.value for w in PATH_WORDS):
            self.suspicious.append(f"line {node.lineno}: names the path {node.value[:60]!r}")


def scan_cells(cells: list[tuple[str, str, bool]]) -> list[Finding]:
    """Findings from the code of ``(where, source, is_students)`` cells, in notebook order
    (every cell teaches the scan its imports; only the student's cells are reported)."""
    modules: set[str] = {"builtins", "__builtins__"}
    patches: list[str] = []
    suspicious: list[str] = []
    exits: list[str] = []
    for where, src, students in cells:
        try:
            tree = ast.parse(to_python(src))
        except SyntaxError:
            continue
        s = Scan(modules)
        s.visit(tree)
        if students:
            patches += [f"{where}, {p}" for p in s.patch]
            suspicious += [f"{where}, {p}" for p in s.suspicious]
            exits += [f"{where}, {p}" for p in s.exits]
    out = []
    if patches:
        out.append(Finding("monkeypatch", Level.ZEROED, "; ".join(patches[:5])))
    if suspicious:
        out.append(Finding("suspicious-code", Level.ATTENTION, "; ".join(dict.fromkeys(suspicious))[:500]))
    if exits:
        out.append(Finding("exits", Level.ATTENTION, "; ".join(exits[:3])))
    return out


def code_cells(nb: dict[str, Any], given: set[str]) -> list[tuple[str, str, bool]]:
    """``(where, source, is_students)`` of a notebook's code cells; ``given``: sources the course
    gave (a cell is the student's unless it is locked or left as given)."""
    return [(nbg(c).get("grade_id") or f"cell {i + 1}", cell_source(c),
             not (nbg(c).get("locked") or cell_source(c).strip() in given))
            for i, c in enumerate(nb.get("cells", [])) if c.get("cell_type") == "code"]


def scan_notebook(nb: dict[str, Any], given: set[str]) -> list[Finding]:
    """:func:`scan_cells` over a notebook's code cells; ``given``: sources the course gave."""
    return scan_cells(code_cells(nb, given))


def compare_with_source(nb: Any, source_cells: dict[str, tuple[str, bool, bool]]) -> list[Finding]:
    """Deleted or edited locked cells and execution tags. ``source_cells``: grade_id ->
    (source, locked, graded) of the release ("" source: only deletions are checked)."""
    got = {nbg(c).get("grade_id"): c for c in nb.cells if nbg(c).get("grade_id")}
    out = []
    for gid, (src, locked, graded) in source_cells.items():
        if not locked:
            continue
        kind = "test-cell" if graded else "locked-cell"
        if gid not in got:
            out.append(Finding(f"{kind}-deleted", Level.INFO, "deleted by the student; put back and run", gid))
        elif src and cell_source(got[gid]).strip() != src.strip():
            out.append(Finding(f"{kind}-edited", Level.ATTENTION, "changed by the student; the original ran", gid))
    for c in nb.cells:
        tags = set(c.get("metadata", {}).get("tags", [])) & EXECUTION_TAGS
        if tags and nbg(c).get("grade_id"):
            out.append(Finding("execution-tag", Level.INFO, f"tagged {sorted(tags)}; removed", nbg(c)["grade_id"]))
    return out


class CheckSubmission(NbGraderPreprocessor):
    """Record integrity findings in ``metadata.coursekit.findings`` (see the module's doc)."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        from nbgrader.api import Gradebook

        info = resources["nbgrader"]
        release = self.release_cells(info)
        if not release:   # no release folder: the gradebook knows which cells exist, not their text
            with Gradebook(info["db_url"]) as gb:
                notebook = gb.find_notebook(info["notebook"], info["assignment"])
                graded = {g.name for g in notebook.grade_cells}
                release = {c.name: ("", bool(c.locked), c.name in graded) for c in notebook.source_cells}
        found = compare_with_source(nb, release)
        given = {s.strip() for s, _, _ in release.values()} | self.given_sources(info)
        found += scan_notebook(nb, given)
        found += self.test_code_findings(nb, info, given, release)
        nb.metadata[METADATA_KEY] = {"findings": [f.as_dict() for f in found]}
        for f in found:
            if f.level is not Level.INFO:
                self.log.warning("%s %s: %s", f.kind, f.cell, f.detail)
        return nb, resources

    def test_code_findings(self, nb: Any, info: dict[str, str], given: set[str],
                           release: dict[str, tuple[str, bool, bool]]) -> list[Finding]:
        """:func:`uses_test_code` with the gradebook's test cells (hidden tests included)."""
        from nbgrader.api import Gradebook, MissingEntry

        try:
            with Gradebook(info["db_url"]) as gb:
                notebook = gb.find_notebook(info["notebook"], info["assignment"])
                graded = {g.name for g in notebook.grade_cells}
                tests = [c.source for c in notebook.source_cells if c.name in graded and c.locked
                         and c.cell_type == "code"]
        except MissingEntry:
            return []
        test_text = {t.strip() for t in tests} | {src.strip() for src, locked, graded in release.values() if graded}
        others = [s for s in given if s not in test_text]
        return uses_test_code(code_cells(nb, given), tests, others)

    def _release(self, info: dict[str, str]) -> Any:
        import nbformat
        from nbgrader.coursedir import CourseDirectory

        cd = CourseDirectory(config=self.config)
        path = Path(cd.format_path(cd.release_directory, ".", info["assignment"])) / f"{info['notebook']}.ipynb"
        try:
            return nbformat.read(str(path), as_version=4), Path(cd.root)
        except (OSError, ValueError):
            return None, Path(cd.root)

    def release_cells(self, info: dict[str, str]) -> dict[str, tuple[str, bool, bool]]:
        """grade_id -> (source, locked, graded) of the released notebook's nbgrader cells."""
        release, _ = self._release(info)
        if release is None:
            return {}
        return {nbg(c)["grade_id"]: (cell_source(c), bool(nbg(c).get("locked")), bool(nbg(c).get("grade")))
                for c in release.cells if nbg(c).get("grade_id")}

    def given_sources(self, info: dict[str, str]) -> set[str]:
        """Code the course gave: the release's code cells and the Colab set-up cell that
        ``course release`` adds (lesson cells left as given are not the student's code)."""
        from ..release import read_settings, setup_source

        release, root = self._release(info)
        out = {cell_source(c).strip() for c in release.cells if c.cell_type == "code"} if release else set()
        try:
            out.add(setup_source(read_settings(root)).strip())
        except Exception as exc:  # noqa: BLE001 a course without [tool.course]: nothing to add
            self.log.debug("no Colab set-up cell: %s", exc)
        return out
