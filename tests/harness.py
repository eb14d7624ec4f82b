"""Shared machinery of the tests: temporary nbgrader courses, real autograding,
notebook execution and exercise catalogs."""
from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
RELEASE = ROOT / "notebooks"
CATALOGS = ROOT / "tests" / "exercises"

sys.path.insert(0, str(ROOT))
from utils.release import find_assignments, tool_env  # noqa: E402

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"


def assignment_names() -> list[str]:
    return [a.name for a in find_assignments(ROOT)]


def solution_path(name: str) -> Path:
    return SOLUTIONS / name / f"{name}.ipynb"


def release_path(name: str) -> Path:
    return RELEASE / name / f"{name}.ipynb"


def read_nb(path: Path) -> NotebookNode:
    return nbformat.read(str(path), as_version=4)


def nbg(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_autograded_solution(cell: NotebookNode) -> bool:
    """A code cell the student writes, graded by the test cells after it."""
    m = nbg(cell)
    return cell.cell_type == "code" and bool(m.get("solution")) and not m.get("grade")


def is_test_cell(cell: NotebookNode) -> bool:
    m = nbg(cell)
    return cell.cell_type == "code" and bool(m.get("grade")) and not m.get("solution")


def exercises(nb: NotebookNode) -> dict[str, list[str]]:
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


def fill(release_nb: NotebookNode, answers: dict[str, str]) -> NotebookNode:
    """A copy of a released notebook with the given solution cells' sources replaced."""
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        gid = nbg(cell).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return nb


def reference_answers(name: str) -> dict[str, str]:
    """grade_id -> reference source (markers stripped) for every solution cell."""
    nb = read_nb(solution_path(name))
    return {nbg(c)["grade_id"]: strip_markers(c.source) for c in nb.cells if nbg(c).get("solution")}


def execute(nb: NotebookNode, cwd: Path, timeout: int = 120) -> NotebookNode:
    """Run a notebook top to bottom, recording errors instead of stopping at them."""
    from nbclient import NotebookClient

    nb = copy.deepcopy(nb)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def errors(nb: NotebookNode) -> list[tuple[int, str | None, str]]:
    """(cell index, grade_id, exception name) for every cell that raised."""
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for o in cell.outputs:
            if o.output_type == "error":
                out.append((i, nbg(cell).get("grade_id"), o.ename))
    return out


# --------------------------------------------------------------------------- catalogs
@dataclass(frozen=True)
class Entry:
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


def catalog(name: str) -> dict[str, list[Entry]]:
    """grade_id -> catalog entries for one assignment."""
    out: dict[str, list[Entry]] = {}
    base = CATALOGS / name
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


# --------------------------------------------------------------------------- nbgrader
def nbgrader(args: list[str], course: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real nbgrader CLI with this course's nbgrader_config.py on a temporary course."""
    cmd = [sys.executable, "-m", "nbgrader", *args,
           f"--CourseDirectory.root={course}",
           f"--CourseDirectory.db_url=sqlite:///{course / 'gradebook.db'}"]
    # One thread per kernel: the workers already use every core, and torch's thread pool
    # oversubscribed on 2 cores made each notebook several times slower. Only points are
    # read from these runs, never printed numbers.
    env = dict(tool_env(), PYTHONWARNINGS="ignore", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    return proc


def make_course(dest: Path, name: str) -> Path:
    """A temporary course with assignment `name` generated (gradebook included)."""
    (dest / "solutions").mkdir(parents=True)
    shutil.copytree(SOLUTIONS / name, dest / "solutions" / name,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    nbgrader(["generate_assignment", name, "--force"], dest)
    return dest


Scores = dict[str, dict[str, tuple[float | None, float]]]


def autograde(tmp: Path, name: str, submissions: dict[str, NotebookNode | str | bytes],
              jobs: int | None = None) -> tuple[Scores, list[str]]:
    """Autograde submissions with real nbgrader, `jobs` courses side by side.

    Returns (scores, logs): scores[student][grade_id] = (score, max_score) for every
    graded cell, read back from each course's gradebook.
    """
    from nbgrader.api import Gradebook, MissingEntry

    jobs = jobs or min(len(submissions), os.cpu_count() or 1)
    base = make_course(tmp / "base", name)
    students = sorted(submissions)
    groups = [students[i::jobs] for i in range(jobs)]
    courses = []
    for k, group in enumerate(groups):
        if not group:
            continue
        course = tmp / f"worker{k}"
        shutil.copytree(base, course)
        for s in group:
            d = course / "submitted" / s / name
            d.mkdir(parents=True)
            sub = submissions[s]
            target = d / f"{name}.ipynb"
            if isinstance(sub, bytes):
                target.write_bytes(sub)
            elif isinstance(sub, str):
                target.write_text(sub, encoding="utf-8")
            else:
                nbformat.write(sub, str(target))
        courses.append((course, group))

    def run(item):
        course, _ = item
        return nbgrader(["autograde", name, "--force"], course, check=False)

    with ThreadPoolExecutor(len(courses)) as pool:
        procs = list(pool.map(run, courses))
    scores: Scores = {}
    logs = []
    for (course, group), proc in zip(courses, procs):
        logs.append(proc.stdout + proc.stderr)
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
            for s in group:
                try:
                    sub = gb.find_submission_notebook(name, name, s)
                except MissingEntry:
                    scores[s] = {}
                    continue
                scores[s] = {g.name: (g.score, g.max_score) for g in sub.grades}
    return scores, logs


# --------------------------------------------------------------------------- Colab
def colab_resave(nb: NotebookNode, name: str) -> str:
    """A notebook as Colab saves it (ANCHORS.md): nbformat 4.0 without cell ids,
    `metadata.colab`, a per-cell `metadata.id` and `outputId`, Colab's own badge cell
    without an id, and Colab's kernelspec. Returned as JSON text."""
    import json

    data = json.loads(nbformat.writes(nb))
    data["nbformat_minor"] = 0
    data["metadata"] = {
        "colab": {"provenance": [], "name": f"Copy of {name}.ipynb", "toc_visible": True},
        "kernelspec": {"name": "python3", "display_name": "Python 3"},
        "language_info": {"name": "python"},
        "accelerator": "GPU",
    }
    for k, cell in enumerate(data["cells"]):
        cell.pop("id", None)
        cell["metadata"]["id"] = f"c{k:04x}Xy"
        if cell["cell_type"] == "code":
            cell["metadata"]["outputId"] = f"o{k:04x}Zz"
            cell["metadata"]["colab"] = {"base_uri": "https://localhost:8080/"}
    data["cells"].insert(0, {
        "cell_type": "markdown",
        "metadata": {"id": "view-in-github", "colab_type": "text"},
        "source": [f'<a href="https://colab.research.google.com/github/x/y/blob/main/{name}.ipynb" '
                   'target="_parent"><img src="https://colab.research.google.com/assets/colab-badge.svg" '
                   'alt="Open In Colab"/></a>'],
    })
    return json.dumps(data, indent=2)
