"""Shared machinery of the tests: temporary nbgrader courses, real autograding,
notebook execution and exercise catalogs."""
from __future__ import annotations

import copy
import functools
import os
import shutil
import tempfile
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from coursekit.layout import BEGIN_SOLUTION, END_SOLUTION  # noqa: F401 (re-exported for tests)
from coursekit.layout import RELEASE as RELEASE_DIR
from coursekit.layout import SOLUTIONS as SOLUTIONS_DIR
from coursekit.notebooks import CATALOGS as CATALOGS_DIR
from coursekit.notebooks import (Entry, exercises, fill, is_autograded_solution, is_test_cell,  # noqa: F401
                                 nbg, read_nb, strip_markers)
from coursekit.notebooks import catalog as _catalog
from coursekit.notebooks import reference_answers as _reference_answers
from coursekit.notebooks import release_path as _release_path
from coursekit.notebooks import solution_path as _solution_path
from coursekit.release import find_assignments, scratch_course  # noqa: F401
from coursekit.runner import run_nbgrader

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / SOLUTIONS_DIR
RELEASE = ROOT / RELEASE_DIR
CATALOGS = ROOT / CATALOGS_DIR


def assignment_names() -> list[str]:
    return [a.name for a in find_assignments(ROOT)]


def solution_path(name: str) -> Path:
    return _solution_path(ROOT, name)


def release_path(name: str) -> Path:
    return _release_path(ROOT, name)


def reference_answers(name: str) -> dict[str, str]:
    """grade_id -> reference source (markers stripped) for every solution cell."""
    return _reference_answers(ROOT, name)


def catalog(name: str) -> dict[str, list[Entry]]:
    """grade_id -> catalog entries for one assignment."""
    return _catalog(ROOT, name)


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


# --------------------------------------------------------------------------- nbgrader
def nbgrader(args: list[str], course: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real nbgrader CLI with this course's nbgrader_config.py on a temporary course."""
    # One thread per kernel: the workers already use every core, and torch's thread pool
    # oversubscribed on 2 cores made each notebook several times slower. Only points are
    # read from these runs, never printed numbers.
    proc = run_nbgrader(args, course, db_url=f"sqlite:///{course / 'gradebook.db'}",
                        env={"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    return proc


@functools.cache
def _empty_gradebook() -> bytes:
    """An empty gradebook of this course, made once by nbgrader's own `Gradebook`: a new one
    runs `alembic heads` in a subprocess (about 3 s), which every temporary course would
    otherwise pay again."""
    from nbgrader.api import Gradebook
    from traitlets.config.loader import PyFileConfigLoader

    from coursekit.runner import use_tool_path

    use_tool_path()
    course_id = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config().CourseDirectory.course_id
    with tempfile.TemporaryDirectory(prefix="gradebook-") as tmp:
        db = Path(tmp) / "gradebook.db"
        with Gradebook(f"sqlite:///{db}", course_id=course_id):
            pass
        return db.read_bytes()


def make_course(dest: Path, name: str) -> Path:
    """A temporary course (the course's configuration, assignment `name`'s source and release)
    with the assignment recorded in its own gradebook."""
    scratch_course(dest, name, ROOT)
    (dest / "gradebook.db").write_bytes(_empty_gradebook())
    nbgrader(["generate_assignment", name, "--force"], dest)
    return dest


Scores = dict[str, dict[str, tuple[float | None, float]]]
Submission = NotebookNode | str | bytes


def autograde(tmp: Path, name: str, submissions: dict[str, Submission],
              jobs: int | None = None, options: Sequence[str] = ()) -> tuple[Scores, list[str]]:
    """Autograde submissions with real nbgrader, `jobs` courses side by side; `options` are
    added to every `nbgrader autograde` command line.

    Returns (scores, logs): scores[student][grade_id] = (score, max_score) for every
    graded cell, read back from each course's gradebook.
    """
    return autograde_batches(tmp, name, [(submissions, options)], jobs)


def autograde_batches(tmp: Path, name: str, batches: Sequence[tuple[dict[str, Submission], Sequence[str]]],
                      jobs: int | None = None) -> tuple[Scores, list[str]]:
    """Autograde several batches of submissions, each `(submissions, options)` graded with its own
    `options` on `nbgrader autograde`'s command line, as :func:`autograde` does; one base course
    (one `generate_assignment`) serves them all. Each batch is split into worker courses of at
    most about a `jobs`-th of all the submissions, and every worker course runs at once: a
    kernel's start-up leaves its core idle part of the time, which another worker then uses.
    Student names must be unique across batches."""
    from nbgrader.api import Gradebook, MissingEntry

    total = sum(len(subs) for subs, _ in batches)
    students = [s for subs, _ in batches for s in subs]
    assert len(set(students)) == len(students), "a student name is used in two batches"
    jobs = max(1, jobs or min(total, os.cpu_count() or 1))
    size = max(1, -(-total // jobs))                     # ceil(total / jobs)
    base = make_course(tmp / "base", name)
    workers = []
    for subs, options in batches:
        names = sorted(subs)
        parts = max(1, -(-len(names) // size))
        for k in range(parts):
            group = names[k::parts]
            course = tmp / f"worker{len(workers)}"
            shutil.copytree(base, course)
            for s in group:
                d = course / "submitted" / s / name
                d.mkdir(parents=True)
                sub = subs[s]
                target = d / f"{name}.ipynb"
                if isinstance(sub, bytes):
                    target.write_bytes(sub)
                elif isinstance(sub, str):
                    target.write_text(sub, encoding="utf-8")
                else:
                    nbformat.write(sub, str(target))
            workers.append((course, group, list(options)))

    def run(item):
        course, _, options = item
        # Kernels talk over IPC sockets in a private folder: with TCP, two nbgrader processes
        # that start kernels at the same moment can be handed the same free port (jupyter_client
        # picks ports by binding and releasing them), and the loser's kernel dies at start-up.
        with tempfile.TemporaryDirectory(prefix="k") as sockets:
            return nbgrader(["autograde", name, "--force", "--KernelManager.transport=ipc",
                             f"--KernelManager.ip={sockets}/k", *options], course, check=False)

    with ThreadPoolExecutor(len(workers)) as pool:
        procs = list(pool.map(run, workers))
    scores: Scores = {}
    logs = []
    for (course, group, _), proc in zip(workers, procs):
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
    """A notebook as Colab saves it (seen in notebooks downloaded from Colab): nbformat 4.0 without cell ids,
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
