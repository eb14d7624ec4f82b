"""The holes of plain nbgrader 0.9.6 that configuration can close, each graded
through real `nbgrader autograde` with the course's nbgrader_config.py."""
from __future__ import annotations

import copy

import pytest

from harness import CATALOGS, autograde, fill, nbg, read_nb, reference_answers, release_path

NAME = "00-start-here"
TESTS = "one-hot-tests"
WRONG = (CATALOGS / NAME / "one-hot" / "wrong_transposed.py").read_text()
RIGHT = (CATALOGS / NAME / "one-hot" / "right_comparison.py").read_text()
WARNS = RIGHT + '\n\nimport warnings\nwarnings.warn("harmless: a UserWarning printed to stderr")\n' \
    'def _noisy(f):\n    def g(*a, **k):\n        warnings.warn("another harmless warning", RuntimeWarning)\n' \
    '        return f(*a, **k)\n    return g\none_hot = _noisy(one_hot)\n'


def _cell(nb, gid):
    return next(c for c in nb.cells if nbg(c).get("grade_id") == gid)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    release = read_nb(release_path(NAME))
    ref = reference_answers(NAME)
    subs = {}

    nb = fill(release, {**ref, "one-hot": WRONG})
    _cell(nb, TESTS).metadata["tags"] = ["skip-execution"]
    subs["skip_tag_wrong"] = nb

    for who, answer in (("deleted_wrong", WRONG), ("deleted_right", RIGHT)):
        nb = fill(release, {**ref, "one-hot": answer})
        nb.cells = [c for c in nb.cells if nbg(c).get("grade_id") != TESTS]
        subs[who] = nb

    nb = fill(release, {**ref, "one-hot": WRONG})
    _cell(nb, TESTS).source = "print('one_hot: tests passed')"
    subs["edited_test_wrong"] = nb

    subs["warning_right"] = fill(release, {**ref, "one-hot": WARNS})

    nb = fill(release, {**ref, "one-hot": RIGHT})
    nb.metadata.kernelspec = {"name": "python3-made-up", "display_name": "Made up", "language": "python"}
    subs["bad_kernel_right"] = nb

    nb = copy.deepcopy(fill(release, {**ref, "one-hot": RIGHT}))
    _cell(nb, TESTS).metadata["tags"] = ["raises-exception", "skip-execution"]
    subs["tags_right"] = nb

    scores, logs = autograde(tmp_path_factory.mktemp("hardening"), NAME, subs)
    return scores, "\n".join(logs)


@pytest.mark.slow
@pytest.mark.parametrize("student,full", [
    ("skip_tag_wrong", False),     # plain nbgrader skips the tagged test cell: full marks
    ("deleted_wrong", False),      # plain nbgrader: 0 and "needs manual grading"
    ("deleted_right", True),       # ... even for a right answer; here the cell is put back and run
    ("edited_test_wrong", False),  # locked cells are restored from the gradebook
    ("warning_right", True),       # plain nbgrader: any stderr in a test cell scores 0
    ("bad_kernel_right", True),    # unknown kernel name reset to the source's
    ("tags_right", True),          # stripping tags never costs a right answer
])
def test_configuration_closes_the_hole(graded, student, full):
    scores, logs = graded
    assert TESTS in scores.get(student, {}), f"{student} was not graded:\n{logs[-3000:]}"
    score, max_score = scores[student][TESTS]
    if full:
        assert score == max_score, f"{student}: a right answer earned {score}/{max_score}"
    else:
        assert score == 0, f"{student}: a wrong answer earned {score}/{max_score}"
