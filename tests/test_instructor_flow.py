"""The instructor guide's commands, run as written: gradebook, autograde, feedback, export."""
from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from harness import CATALOGS, ROOT, fill, read_nb, reference_answers
from coursekit.release import release
from coursekit.runner import tool_env

NAME = "00-start-here"


def run(args, cwd):
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=tool_env())
    assert proc.returncode == 0, f"{' '.join(map(str, args))}:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc


@pytest.mark.slow
def test_release_gradebook_autograde_feedback_export(tmp_path, course_copy):
    import nbformat

    course = course_copy(NAME)
    release(course)
    before = (course / "notebooks" / NAME / f"{NAME}.ipynb").read_bytes()
    run([sys.executable, "-m", "coursekit", "--root", str(course), "gradebook"], ROOT)
    assert (course / "gradebook.db").is_file()
    assert (course / "notebooks" / NAME / f"{NAME}.ipynb").read_bytes() == before, "--gradebook touched notebooks/"

    release_nb = read_nb(course / "notebooks" / NAME / f"{NAME}.ipynb")
    answers = reference_answers(NAME)
    wrong = (CATALOGS / NAME / "one-hot" / "wrong_transposed.py").read_text()
    for student, nb in (("ada", fill(release_nb, answers)), ("bob", fill(release_nb, {**answers, "one-hot": wrong}))):
        d = course / "submitted" / student / NAME
        d.mkdir(parents=True)
        nbformat.write(nb, str(d / f"{NAME}.ipynb"))
    nbg = [sys.executable, "-m", "nbgrader"]
    run(nbg + ["autograde", NAME], course)
    run(nbg + ["generate_feedback", NAME], course)
    for student in ("ada", "bob"):
        assert (course / "feedback" / student / NAME / f"{NAME}.html").is_file()
    run(nbg + ["export", "--to", str(course / "grades.csv")], course)
    rows = {r["student_id"]: r for r in csv.DictReader(open(course / "grades.csv"))}
    assert float(rows["ada"]["raw_score"]) == 2.0 and float(rows["bob"]["raw_score"]) == 0.0
    assert float(rows["ada"]["max_score"]) == 3.0  # 2 auto-graded + 1 written, graded by hand later
