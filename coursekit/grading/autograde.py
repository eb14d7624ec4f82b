"""Autograde: nbgrader's own ``Autograde`` and ``GenerateFeedback``, one student per task, in
a pool of worker processes (``pebble``), each with a time limit.

Each worker sets up nbgrader's ``AutogradeApp`` once, exactly as ``nbgrader autograde
ASSIGNMENT`` does (the course's nbgrader_config.py, so the same sandbox, second run,
integrity checks and verdict), then grades one student after another: autograde, then that
student's feedback. Setting nbgrader up costs seconds of imports per process; a worker pays
it once. A student still running after ``--student-timeout`` seconds is stopped by killing
its worker (pebble starts a fresh one; the sandbox dies with it). SQLite serialises the
gradebook's short transactions; a student that still meets "database is locked" is retried.
"""
from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from .models import Finding, Level, Outcome, Status

_APP: Any = None


@dataclass(frozen=True)
class Answer:
    """A worker's answer for one student (picklable)."""
    student_id: str
    ok: bool
    log: str
    seconds: float
    feedback_ok: bool


def start_worker(argv: Sequence[str]) -> None:
    """pebble's initializer: nbgrader's AutogradeApp, set up as the CLI does."""
    global _APP
    import warnings

    from nbgrader.apps.autogradeapp import AutogradeApp

    warnings.simplefilter("ignore")    # SQLAlchemy's SAWarnings: nothing for the instructor

    app = AutogradeApp()
    app.initialize(list(argv))
    super(AutogradeApp, app).start()   # what `nbgrader autograde` does before converting
    app.coursedir.assignment_id = app.extra_args[0]
    app.log.handlers.clear()           # the worker's log goes to the answer, not the terminal
    app.log.propagate = False
    _APP = app


def _convert(op: str, student: str) -> tuple[bool, str]:
    from nbgrader.converters import Autograde, GenerateFeedback
    from nbgrader.converters.base import NbGraderException

    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
    _APP.log.addHandler(handler)
    try:
        _APP.coursedir.student_id = student
        conv = (Autograde if op == "autograde" else GenerateFeedback)(coursedir=_APP.coursedir, parent=_APP)
        conv.force = True
        conv.start()
        return True, buf.getvalue()
    except NbGraderException:
        return False, buf.getvalue()
    finally:
        _APP.log.removeHandler(handler)


def grade_student(student: str, attempts: int = 3) -> Answer:
    """Autograde one student, then write their feedback (in a worker)."""
    start = time.perf_counter()
    ok, log = False, ""
    for attempt in range(attempts):
        ok, log = _convert("autograde", student)
        if ok or "database is locked" not in log:
            break
        time.sleep(1 + attempt)
    feedback_ok = False
    if ok:
        feedback_ok, flog = _convert("feedback", student)
        log += flog
    return Answer(student, ok, log, time.perf_counter() - start, feedback_ok)


def worker_argv(assignment: str, root: str, db_url: str, cell_timeout: int | None, sandboxed: bool,
                memory_mb: int) -> list[str]:
    argv = [assignment, f"--CourseDirectory.root={root}", f"--CourseDirectory.db_url={db_url}",
            f"--SandboxedExecute.memory_mb={memory_mb}"]
    if cell_timeout:
        argv.append(f"--Execute.timeout={cell_timeout}")
    if not sandboxed:
        argv.append("--SandboxedExecute.sandbox=False")
    return argv


def outcome(answer: Answer) -> Outcome:
    if not answer.ok:
        tail = " | ".join(ln.strip() for ln in answer.log.splitlines() if "ERROR" in ln)[-400:]
        return Outcome(answer.student_id, Status.FAILED, answer.seconds,
                       (Finding("autograde-failed", Level.ERROR, tail or answer.log[-400:]),), answer.log)
    found: tuple[Finding, ...] = ()
    if not answer.feedback_ok:
        found = (Finding("feedback-failed", Level.ATTENTION, answer.log[-300:]),)
    return Outcome(answer.student_id, Status.GRADED, answer.seconds, found, answer.log)


def grade_all(students: Sequence[str], argv: Sequence[str], jobs: int, student_timeout: float,
              done: Callable[[Outcome], None] = lambda o: None) -> Iterator[Outcome]:
    """Grade every student in ``jobs`` workers; yield each outcome as it comes."""
    from pebble import ProcessExpired, ProcessPool

    with ProcessPool(max_workers=max(1, min(jobs, len(students))), initializer=start_worker,
                     initargs=(list(argv),)) as pool:
        futures = {s: pool.schedule(grade_student, args=(s,), timeout=student_timeout) for s in students}
        for student, fut in futures.items():
            try:
                result = outcome(fut.result())
            except FutureTimeout:
                result = Outcome(student, Status.TIMEOUT, student_timeout, (Finding(
                    "timeout", Level.ZEROED, f"still running after {student_timeout:.0f} s: stopped, 0 points"),))
            except ProcessExpired as exc:   # the worker itself died: report it, go on
                result = Outcome(student, Status.FAILED, 0.0, (Finding(
                    "autograde-failed", Level.ERROR, f"the grading worker crashed: {exc!r}"[:400]),))
            done(result)
            yield result
