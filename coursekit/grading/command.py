"""``course grade ASSIGNMENT``: its options, and the checks made before anything runs."""
from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from ..layout import GRADING, SOLUTIONS
from ..runner import run_nbgrader, use_tool_path
from .models import Limits, Run


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("assignment", help="e.g. 01-sigmoid")
    p.add_argument("--zip", type=Path, help="a zip of LMS downloads (Canvas, Moodle, Blackboard) to grade "
                   "instead of submitted/")
    p.add_argument("--db", help="gradebook URL (default sqlite:///ROOT/gradebook.db), "
                   "e.g. postgresql+psycopg://user@host/db")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="submissions graded side by side "
                   "(default: one per core)")
    p.add_argument("--no-sandbox", action="store_true", help="run student code without bubblewrap "
                   "(only where none is available; the report says so)")
    p.add_argument("--timeout", type=int, help="seconds per cell (default: nbgrader_config.py's Execute.timeout)")
    p.add_argument("--student-timeout", type=float, default=900, help="seconds per submission before it is "
                   "stopped (default 900)")
    p.add_argument("--export-only", action="store_true", help="grade nothing: regenerate feedback and "
                   "grades.csv (after grading written answers in formgrader)")
    p.add_argument("--memory-mb", type=int, default=Limits.memory_mb, help="address-space limit of "
                   "student code")


def run(args: argparse.Namespace, root: Path) -> int:
    from . import sandbox   # needs jupyter_client, which only the instructor extras install

    use_tool_path()   # nbgrader's Gradebook runs `alembic` from PATH
    root = root.resolve()
    if not (root / SOLUTIONS / args.assignment).is_dir():
        print(f"course grade: error: no assignment {args.assignment!r} in {root / SOLUTIONS}", file=sys.stderr)
        return 2
    if args.zip and not args.zip.is_file():
        print(f"course grade: error: {args.zip}: no such file", file=sys.stderr)
        return 2
    found = sandbox.availability()
    if not args.no_sandbox and not args.export_only and not found:
        print(sandbox.refusal(found.reason), file=sys.stderr)
        return 2
    db_url = args.db or f"sqlite:///{root / 'gradebook.db'}"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")[:-3]
    folder = root / GRADING / args.assignment / stamp
    folder.mkdir(parents=True)
    grading = Run(root, args.assignment, db_url, folder, max(1, args.jobs), not args.no_sandbox, args.timeout,
                  args.student_timeout, args.memory_mb)
    if args.export_only:
        proc = run_nbgrader(["generate_feedback", args.assignment, "--force"], root, db_url=db_url)
        if proc.returncode != 0:
            print(f"FAILED: generate_feedback\n{proc.stdout[-2000:]}{proc.stderr[-3000:]}\nFAILED", file=sys.stderr)
            return 1
        from .report import export_csv

        export_csv(grading, folder / "grades.csv")
        print(f"feedback/ and {folder / 'grades.csv'} regenerated for {args.assignment}")
        return 0
    from .pipeline import grade

    return grade(grading, args.zip.resolve() if args.zip else None, sys.stdout, sys.stderr)
