"""One long-lived grading worker of ``utils.grade`` (not a command for people).

``python -m utils.grade_worker ASSIGNMENT [nbgrader options...]`` initialises nbgrader's own
``AutogradeApp`` once, exactly as ``nbgrader autograde ASSIGNMENT [options]`` does (the course's
nbgrader_config.py, the command-line options), then reads JSON requests from stdin, one a
line, ``{"op": "autograde" | "feedback", "student": S}``, and for each runs nbgrader's
``Autograde`` (or ``GenerateFeedback``) converter for that one student, as ``nbgrader autograde
ASSIGNMENT --student=S`` would, answering one JSON line ``{"student", "op", "ok", "log",
"seconds"}``. Answers go to the original stdout; everything else printed goes to stderr.

Why: each ``nbgrader`` process pays seconds of imports and set-up before its first kernel
starts; one process per worker pays them once for all the students it grades.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
import traceback


def main(argv: list[str]) -> int:
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)                     # stray prints must not corrupt the answers
    sys.stdout = sys.stderr
    from nbgrader.apps.autogradeapp import AutogradeApp
    from nbgrader.converters import Autograde, GenerateFeedback

    app = AutogradeApp()
    app.initialize(argv)
    NbGraderStart = super(AutogradeApp, app).start   # noqa: N806 authenticator etc., as the CLI does
    NbGraderStart()
    if len(app.extra_args) == 1:
        app.coursedir.assignment_id = app.extra_args[0]
    answers.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        student, op = req["student"], req.get("op", "autograde")
        buf = _Buffer()
        handler = logging.StreamHandler(buf)
        handler.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
        app.log.addHandler(handler)
        start = time.perf_counter()
        ok = True
        try:
            app.coursedir.student_id = student
            cls = Autograde if op == "autograde" else GenerateFeedback
            conv = cls(coursedir=app.coursedir, parent=app)
            conv.force = True          # as `nbgrader autograde/generate_feedback --force`
            conv.start()
        except BaseException as exc:   # NbGraderException, or anything a converter raises
            ok = False
            if not exc.__class__.__name__ == "NbGraderException":
                buf.write(traceback.format_exc())
            if isinstance(exc, KeyboardInterrupt):
                raise
        finally:
            app.log.removeHandler(handler)
        answers.write(json.dumps({"student": student, "op": op, "ok": ok, "log": buf.getvalue(),
                                  "seconds": round(time.perf_counter() - start, 3)}) + "\n")
    return 0


class _Buffer:
    def __init__(self):
        self.parts: list[str] = []

    def write(self, s: str) -> None:
        self.parts.append(s)

    def flush(self) -> None:
        pass

    def getvalue(self) -> str:
        return "".join(self.parts)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
