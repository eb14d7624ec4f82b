"""Reading and filling notebooks: what the release, the grading benchmark and the
tests share (a student's answers put into a released notebook, the reference
answers of a solution notebook, the exercise catalogs)."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .layout import BEGIN_SOLUTION, END_SOLUTION, RELEASE, SOLUTIONS

#: Where each exercise's catalog of wrong and right answers lives, under the course root.
CATALOGS = Path("tests") / "exercises"


def read_nb(path: Path) -> Any:
    import nbformat

    return nbformat.read(str(path), as_version=4)


def nbg(cell: Any) -> dict[str, Any]:
    """A cell's nbgrader metadata ({} for a plain cell)."""
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def cell_source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def solution_path(root: Path, name: str) -> Path:
    return root / SOLUTIONS / name / f"{name}.ipynb"


def release_path(root: Path, name: str) -> Path:
    return root / RELEASE / name / f"{name}.ipynb"


def is_autograded_solution(cell: Any) -> bool:
    """A code cell the student writes, graded by the test cells after it."""
    m = nbg(cell)
    return cell.get("cell_type") == "code" and bool(m.get("solution")) and not m.get("grade")


def is_test_cell(cell: Any) -> bool:
    m = nbg(cell)
    return cell.get("cell_type") == "code" and bool(m.get("grade")) and not m.get("solution")


def exercises(nb: Any) -> dict[str, list[str]]:
    """grade_id of each auto-graded solution cell -> grade_ids of the test cells that follow it."""
    out: dict[str, list[str]] = {}
    current = None
    for cell in nb.cells:
        if is_autograded_solution(cell):
            current = nbg(cell)["grade_id"]
            out[current] = []
        elif is_test_cell(cell) and current is not None:
            out[current].append(nbg(cell)["grade_id"])
    return out


def strip_markers(source: str) -> str:
    """The reference solution as a student would type it: the markers removed."""
    keep = [ln for ln in source.splitlines() if ln.strip() not in (BEGIN_SOLUTION, END_SOLUTION)]
    return "\n".join(keep)


def fill(release_nb: Any, answers: dict[str, str]) -> Any:
    """A copy of a released notebook with the given solution cells' sources replaced."""
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        gid = nbg(cell).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return nb


def reference_answers(root: Path, name: str) -> dict[str, str]:
    """grade_id -> reference source (markers stripped) for every solution cell."""
    nb = read_nb(solution_path(root, name))
    return {nbg(c)["grade_id"]: strip_markers(c.source) for c in nb.cells if nbg(c).get("solution")}


@dataclass(frozen=True)
class Entry:
    """One catalog answer: ``tests/exercises/<assignment>/<grade_id>/{wrong,right}_*.py``."""

    assignment: str
    grade_id: str
    kind: str  # "wrong" or "right"
    path: Path

    @property
    def student(self) -> str:
        return f"{self.grade_id}__{self.path.stem}"

    @property
    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")


def catalog(root: Path, name: str) -> dict[str, list[Entry]]:
    """grade_id -> catalog entries for one assignment."""
    out: dict[str, list[Entry]] = {}
    base = root / CATALOGS / name
    if not base.is_dir():
        return out
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        entries = []
        for f in sorted(folder.glob("*.py")):
            kind = f.name.split("_", 1)[0]
            if kind not in ("wrong", "right"):
                raise ValueError(f"{f}: catalog files are named wrong_*.py or right_*.py")
            entries.append(Entry(name, folder.name, kind, f))
        out[folder.name] = entries
    return out
