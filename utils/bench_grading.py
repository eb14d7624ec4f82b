"""Benchmark grading: ``python -m utils.bench_grading [--n 40] [--assignment 00-start-here] [-j N]``.

Grades the same N submissions (the reference answers of one assignment, half of them with a
catalogued wrong answer) twice, in two throw-away copies of the course, in one run:

1. plain nbgrader: ``nbgrader autograde ASSIGNMENT`` (serial, no sandbox);
2. ``python -m utils.grade ASSIGNMENT -j N`` (parallel, sandboxed, plus the integrity checks);

checks that both give every student the same points, and prints a table: both times, seconds
per notebook, the seconds a notebook's cells ran in the kernel (nbclient's cell timings) and the
overhead per notebook beyond that, their ratio (the goal on 2 cores: >= 1.8), and the
command's phases. utils.grade's time includes its feedback and grades.csv; plain nbgrader's
is autograde alone.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .release import ROOT, register, scratch_course, tool_env


def _course(dest: Path, name: str) -> Path:
    return scratch_course(dest, name)


def _submissions(course: Path, name: str, n: int) -> None:
    import nbformat

    sys.path.insert(0, str(ROOT / "tests"))
    from harness import catalog, fill, read_nb, reference_answers  # noqa: E402

    release = read_nb(course / "notebooks" / name / f"{name}.ipynb")
    ref = reference_answers(name)
    wrongs = [e for entries in catalog(name).values() for e in entries if e.kind == "wrong"]
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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--assignment", default="00-start-here")
    p.add_argument("--n", type=int, default=40, help="submissions (default 40)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = p.parse_args(argv)
    os.environ["PATH"] = tool_env()["PATH"]
    name = args.assignment
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        plain, ours = _course(Path(tmp) / "plain", name), _course(Path(tmp) / "ours", name)
        for c in (plain, ours):
            _submissions(c, name, args.n)
            register(c, only=[name])
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", name,
                               f"--CourseDirectory.root={plain}"], cwd=plain, capture_output=True, text=True,
                              env=dict(tool_env(), PYTHONWARNINGS="ignore"))
        t_plain = time.perf_counter() - t
        t = time.perf_counter()
        proc2 = subprocess.run([sys.executable, "-m", "utils.grade", name, "--root", str(ours), "-j",
                                str(args.jobs)], cwd=ROOT, capture_output=True, text=True, env=tool_env())
        t_ours = time.perf_counter() - t
        if proc.returncode or proc2.returncode:
            print(proc.stderr[-2000:], proc2.stdout[-2000:], proc2.stderr[-2000:], file=sys.stderr)
            return 1
        same = _scores(plain, name) == _scores(ours, name)
        ex_plain, ex_ours = _exec_seconds(plain, name), _exec_seconds(ours, name)
        import json

        phases = json.loads((ours / "grading" / f"{name}-report.json").read_text()).get("phases", {})
    n, j = args.n, args.jobs
    ep = sum(ex_plain) / max(1, len(ex_plain))
    eo = sum(ex_ours) / max(1, len(ex_ours))
    # overhead per notebook: core-seconds spent per notebook beyond running its cells
    ov_plain = t_plain / n - ep
    ov_ours = t_ours * j / n - eo
    print(f"{n} submissions of {name} on {os.cpu_count()} cores (load average at the end: "
          f"{os.getloadavg()[0]:.1f})")
    print(f"  {'':34} {'seconds':>8} {'s/notebook':>11} {'cells run':>10} {'overhead':>9}")
    print(f"  {'plain nbgrader autograde, serial':34} {t_plain:8.1f} {t_plain / n:11.2f} {ep:10.2f} {ov_plain:9.2f}")
    print(f"  {f'python -m utils.grade -j {j}':34} {t_ours:8.1f} {t_ours / n:11.2f} {eo:10.2f} {ov_ours:9.2f}")
    print(f"  ratio (plain / command): {t_plain / t_ours:.2f}x  (goal >= 1.8 on 2 cores)   "
          f"same points for every student: {same}")
    print("  cells run: mean seconds a notebook's cells ran in the kernel; overhead: core-seconds per "
          "notebook beyond that (command: seconds x jobs / n; it includes sandbox, feedback, grades.csv)")
    if phases:
        print("  command phases (s): " + ", ".join(f"{k} {v:g}" for k, v in phases.items()))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
