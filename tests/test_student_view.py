"""Each released notebook as a student meets it, and with the reference answers typed in."""
from __future__ import annotations

import pytest

from harness import (assignment_names, errors, execute, exercises, fill, is_autograded_solution,
                     is_test_cell, nbg, read_nb, reference_answers, release_path)

NAMES = assignment_names()


@pytest.mark.parametrize("name", NAMES)
def test_fresh_release_fails_only_in_exercises(name, tmp_path):
    """Run top to bottom untouched: only exercise and test cells fail, each with NotImplementedError."""
    nb = read_nb(release_path(name))
    ran = execute(nb, release_path(name).parent)
    allowed = {i for i, c in enumerate(ran.cells) if is_autograded_solution(c) or is_test_cell(c)}
    bad = [(i, gid, ename) for i, gid, ename in errors(ran)
           if i not in allowed or ename != "NotImplementedError"]
    assert not bad, f"{name}: cells failing for another reason than an empty exercise: {bad}"
    # An empty answer must fail every test cell that grades it (else the tests do not test it).
    raised = {gid for _, gid, _ in errors(ran)}
    for solution, tests in exercises(ran).items():
        passing = [t for t in tests if t not in raised]
        assert not passing, f"{name}: test cells {passing} pass although {solution} is still empty"


@pytest.mark.parametrize("name", NAMES)
def test_release_with_reference_answers_passes_visible_tests(name):
    """Type the reference answers into the student's copy: every cell runs, no test cell errs or warns."""
    nb = fill(read_nb(release_path(name)), reference_answers(name))
    ran = execute(nb, release_path(name).parent)
    assert errors(ran) == [], f"{name}: errors with the reference answers: {errors(ran)}"
    for cell in ran.cells:
        if is_test_cell(cell):
            stderr = [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]
            assert not stderr, f"{name}: test cell {nbg(cell)['grade_id']} wrote to stderr: {stderr}"
