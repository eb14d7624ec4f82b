"""Every auto-graded exercise is only as good as its tests: each ships wrong answers
that must lose points and differently written right answers that must earn full
points, graded here through real `nbgrader autograde`."""
from __future__ import annotations

import pytest

from harness import (CATALOGS, assignment_names, autograde, catalog, colab_resave, exercises, fill,
                     read_nb, reference_answers, release_path, solution_path)

NAMES = assignment_names()
MIN_WRONG, MIN_RIGHT = 3, 2


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_has_a_catalog(name):
    ex = exercises(read_nb(solution_path(name)))
    assert ex, f"{name}: no auto-graded exercise"
    cat = catalog(name)
    for gid, tests in ex.items():
        assert tests, f"{name}/{gid}: no test cell follows this solution cell"
        entries = cat.get(gid, [])
        wrong = [e for e in entries if e.kind == "wrong"]
        right = [e for e in entries if e.kind == "right"]
        assert len(wrong) >= MIN_WRONG and len(right) >= MIN_RIGHT, (
            f"{name}/{gid}: needs >= {MIN_WRONG} wrong_*.py and >= {MIN_RIGHT} right_*.py in "
            f"{CATALOGS / name / gid} (has {len(wrong)} wrong, {len(right)} right)")
    stray = set(cat) - set(ex)
    assert not stray, f"{name}: catalog folders for no solution cell: {sorted(stray)}"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_catalog_grades_as_expected(name, tmp_path):
    ex = exercises(read_nb(solution_path(name)))
    release = read_nb(release_path(name))
    reference = reference_answers(name)
    entries = [e for es in catalog(name).values() for e in es]
    submissions = {"reference": fill(release, reference),
                   # the reference answers in a notebook re-saved by Colab must grade the same
                   "colab_resaved": colab_resave(fill(release, reference), name)}
    for e in entries:
        submissions[e.student] = fill(release, {**reference, e.grade_id: e.source})
    scores, logs = autograde(tmp_path, name, submissions)

    def points(student, test_ids):
        got = scores.get(student, {})
        missing = [t for t in test_ids if t not in got]
        assert not missing, f"{student}: no grade for {missing}; nbgrader said:\n" + "\n".join(logs)[-4000:]
        return sum(got[t][0] or 0 for t in test_ids), sum(got[t][1] for t in test_ids)

    all_tests = [t for ts in ex.values() for t in ts]
    got, full = points("reference", all_tests)
    assert got == full, f"{name}: the reference answers earn {got}/{full}"
    got, full = points("colab_resaved", all_tests)
    assert got == full, f"{name}: the reference answers re-saved by Colab earn {got}/{full}"
    failures = []
    for e in entries:
        tests = ex[e.grade_id]
        got, full = points(e.student, tests)
        if e.kind == "wrong" and got >= full:
            failures.append(f"{e.path.relative_to(CATALOGS)} is wrong but earned {got}/{full}")
        if e.kind == "right":
            got_all, full_all = points(e.student, all_tests)
            if got_all < full_all:
                failures.append(f"{e.path.relative_to(CATALOGS)} is right but earned {got_all}/{full_all}")
    assert not failures, "\n".join(failures)
