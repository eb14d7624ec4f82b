"""Benchmark grading: ``course bench --grading-only [--n 40] [-j N]``.

Grades the same N submissions (the reference answers of one assignment, half of them with a
catalogued wrong answer) twice, in two throw-away copies of the course, in one run:

1. plain nbgrader: ``nbgrader autograde ASSIGNMENT`` (serial) with the course's
   nbgrader_config.py, so with the same protections (sandbox, second run, checks);
2. ``course grade ASSIGNMENT -j N`` (parallel workers, plus feedback, grades.csv and report);

checks that both give every student the same points, and prints a table: both times, seconds
per notebook, the seconds a notebook's cells ran in the kernel (nbclient's cell timings) and the
overhead per notebook beyond that, and their ratio (the goal on 2 cores: >= 1.5). The command's time includes its feedback and grades.csv; plain nbgrader's
is autograde alone.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..notebooks import catalog, fill, read_nb, reference_answers
from ..release import register, scratch_course
from ..runner import run_nbgrader, tool_env, use_tool_path


def _submissions(root: Path, course: Path, name: str, n: int) -> None:
    import nbformat

    release = read_nb(course / "notebooks" / name / f"{name}.ipynb")
    ref = reference_answers(root, name)
    wrongs = [e for entries in catalog(root, name).values() for e in entries if e.kind == "wrong"]
    for i in range(n):
        answers = dict(ref)
        if i % 2 and wrongs:
            w = wrongs[i % len(wrongs)]
            answers[w.grade_id] = w.source
        d = course / "submitted" / f"s{i:03d}" / name
        d.mkdir(parents=True)
        nbformat.write(fill(release, answers), str(d / f"{name}.ipynb"))


def _scores(course: Path, name: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: s.score for s in gb.find_assignment(name).submissions}


def _exec_seconds(course: Path, name: str) -> list[float]:
    """Per autograded notebook: the seconds its cells ran in the kernel (nbclient's timings)."""
    import json
    from datetime import datetime

    out = []
    for nb in sorted((course / "autograded").glob(f"*/{name}/{name}.ipynb")):
        total = 0.0
        for c in json.loads(nb.read_text())["cells"]:
            ex = c.get("metadata", {}).get("execution", {})
            a, b = ex.get("iopub.execute_input"), ex.get("shell.execute_reply")
            if a and b:
                total += (datetime.fromisoformat(b.replace("Z", "+00:00"))
                          - datetime.fromisoformat(a.replace("Z", "+00:00"))).total_seconds()
        out.append(total)
    return out


def run(root: Path, n: int = 40, jobs: int | None = None, name: str = "00-start-here") -> int:
    """Grade ``n`` submissions both ways; print the table; 1 if the points differ or a run fails."""
    jobs = jobs or os.cpu_count() or 1
    use_tool_path()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        plain = scratch_course(Path(tmp) / "plain", name, root)
        ours = scratch_course(Path(tmp) / "ours", name, root)
        for c in (plain, ours):
            _submissions(root, c, name, n)
            register(c, only=[name])
        t = time.perf_counter()
        proc = run_nbgrader(["autograde", name], plain)
        t_plain = time.perf_counter() - t
        t = time.perf_counter()
        proc2 = subprocess.run([sys.executable, "-m", "coursekit", "--root", str(ours), "grade", name, "-j",
                                str(jobs)], cwd=ours, capture_output=True, text=True, env=tool_env())
        t_ours = time.perf_counter() - t
        if proc.returncode or proc2.returncode:
            print(proc.stderr[-2000:], proc2.stdout[-2000:], proc2.stderr[-2000:], file=sys.stderr)
            return 1
        same = _scores(plain, name) == _scores(ours, name)
        ex_plain, ex_ours = _exec_seconds(plain, name), _exec_seconds(ours, name)
    j = jobs
    ep = sum(ex_plain) / max(1, len(ex_plain))
    eo = sum(ex_ours) / max(1, len(ex_ours))
    # overhead per notebook: core-seconds spent per notebook beyond running its cells
    ov_plain = t_plain / n - ep
    ov_ours = t_ours * j / n - eo
    print(f"{n} submissions of {name} on {os.cpu_count()} cores (load average at the end: "
          f"{os.getloadavg()[0]:.1f})")
    print(f"  {'':34} {'seconds':>8} {'s/notebook':>11} {'cells run':>10} {'overhead':>9}")
    print(f"  {'plain nbgrader autograde, serial':34} {t_plain:8.1f} {t_plain / n:11.2f} {ep:10.2f} {ov_plain:9.2f}")
    print(f"  {f'course grade -j {j}':34} {t_ours:8.1f} {t_ours / n:11.2f} {eo:10.2f} {ov_ours:9.2f}")
    print(f"  ratio (plain / command): {t_plain / t_ours:.2f}x  (goal >= 1.5 on 2 cores)   "
          f"same points for every student: {same}")
    print("  cells run: mean seconds a notebook's cells ran in the kernel; overhead: core-seconds per "
          "notebook beyond that (command: seconds x jobs / n; it includes sandbox, feedback, grades.csv)")
    return 0 if same else 1

