"""``course grade``: the stages, wired. collect -> normalise -> (integrity, autograde, verdict,
feedback: nbgrader with the course's preprocessors, in a worker pool) -> report."""
from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from . import autograde, collect, normalise, report
from .models import Finding, Level, Outcome, Run


def grade(run: Run, zip_path: Path | None, out: TextIO, err: TextIO) -> int:
    start = time.perf_counter()
    if zip_path is not None:
        received, problems = collect.read_zip(zip_path)
    else:
        received, problems = collect.read_submitted(run.root / "submitted", run.assignment), []
    problems += [Finding("no-student-id", Level.ERROR, f"{r.source}: no LMS user id in the file name "
                         "(not a Canvas, Moodle or Blackboard name, and not in a folder); not graded")
                 for r in received if r.student_id is None]
    release_path = run.root / "notebooks" / run.assignment / f"{run.assignment}.ipynb"
    release = json.loads(release_path.read_text(encoding="utf-8")) if release_path.is_file() else None
    subs = normalise.choose(received, run.assignment, release, run.root / "submitted", run.folder / "received")
    todo = sorted(s.student_id for s in subs if s.gradable)
    failed = "; ".join(p.detail for p in problems if p.kind in ("bad-zip", "empty-zip"))
    if not todo and not failed:
        failed = "nothing to grade: no usable notebook of " + run.assignment
    outcomes: dict[str, Outcome] = {}
    if not failed:
        register_students(run, {s.student_id: s.display_name for s in subs if s.gradable})
        argv = autograde.worker_argv(run.assignment, str(run.root), run.db_url, run.cell_timeout, run.sandboxed,
                                     run.memory_mb)
        logs = run.folder / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        with tqdm(total=len(todo), file=err, unit="student", desc=f"grading {run.assignment}") as bar:
            for o in autograde.grade_all(todo, argv, run.jobs, run.student_timeout):
                (logs / f"{o.student_id}.log").write_text(o.log, encoding="utf-8")
                outcomes[o.student_id] = o
                bar.update()
        report.export_csv(run, run.folder / "grades.csv")
    if not run.sandboxed:
        problems.append(Finding("no-sandbox", Level.ATTENTION, "graded WITHOUT the sandbox (--no-sandbox)"))
    data = report.build(run, subs, outcomes, problems, time.perf_counter() - start, failed)
    text = io.StringIO()
    report.render(data, text)
    out.write(text.getvalue())
    report.save(data, run, text.getvalue())
    return 1 if failed else 0


def register_students(run: Run, names: dict[str, str]) -> None:
    """The assignment in the gradebook (if it is not there yet) and each student with their
    LMS display name."""
    from nbgrader.api import Gradebook, MissingEntry

    from ..release import register

    with Gradebook(run.db_url) as gb:
        try:
            known = bool(gb.find_assignment(run.assignment).notebooks)
        except MissingEntry:
            known = False
    if not known:
        register(run.root, only=[run.assignment], db_url=run.db_url, validate=False)
    with Gradebook(run.db_url) as gb:
        for sid, name in names.items():
            gb.update_or_create_student(sid, last_name=name if name != sid else None)
