"""Every auto-graded exercise is only as good as its tests: each ships wrong answers
that must lose points and differently written right answers that must earn full
points, graded here through real `nbgrader autograde`.

To keep CI fast, one submission may carry several catalog entries: right entries of
different exercises together (every test must still pass), and wrong entries of
exercises that are independent (neither exercise's tests nor reference use a name the
other's solution cell defines, checked on the syntax tree), so that each wrong entry's
lost points can only come from that entry."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from coursekit.grading.testcode import free_names
from harness import (CATALOGS, Entry, assignment_names, autograde_batches, catalog, colab_resave, exercises,
                     fill, nbg, read_nb, reference_answers, release_path, solution_path)

NAMES = assignment_names()
MIN_WRONG, MIN_RIGHT = 3, 2


def _defined(src: str) -> set[str]:
    tree = ast.parse(src)
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def dependencies(name: str) -> dict[Path, set[str]]:
    """catalog entry -> the other exercises whose definitions it or its exercise's tests use (an
    entry of one of those must not share its submission)."""
    nb = read_nb(solution_path(name))
    cells = {nbg(c).get("grade_id"): c.source for c in nb.cells if nbg(c)}
    ref = reference_answers(name)
    ex = exercises(nb)
    defined = {g: _defined(ref[g]) for g in ex}
    deps = {}
    for g, entries in catalog(name).items():
        tests_use = set().union(*(free_names(cells[t]) for t in ex[g]))
        for e in entries:
            used = tests_use | free_names(e.source)
            deps[e.path] = {h for h in ex if h != g and defined[h] & used}
    return deps


def pack(entries: list[Entry], deps: dict[Path, set[str]] | None) -> list[dict[str, Entry]]:
    """Group entries into submissions: one entry per exercise each, and (if deps is given) no
    entry beside an entry of an exercise it depends on, or that depends on its exercise."""
    rounds: list[dict[str, Entry]] = []

    def conflict(e: Entry, r: dict[str, Entry]) -> bool:
        return deps is not None and any(g in deps[e.path] or e.grade_id in deps[f.path] for g, f in r.items())

    for e in entries:
        for r in rounds:
            if e.grade_id not in r and not conflict(e, r):
                r[e.grade_id] = e
                break
        else:
            rounds.append({e.grade_id: e})
    return rounds


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
        for e in entries:
            ast.parse(e.source, filename=str(e.path))
            assert e.source.lstrip().startswith("#"), f"{e.path}: start with a comment saying what it is"
    stray = set(cat) - set(ex)
    assert not stray, f"{name}: catalog folders for no solution cell: {sorted(stray)}"


def test_packing_keeps_dependent_wrong_entries_apart():
    from pathlib import Path

    e = lambda g, n: Entry("x", g, "wrong", Path(f"{g}/wrong_{n}.py"))  # noqa: E731
    entries = [e("a", 1), e("a", 2), e("b", 1), e("b", 2), e("c", 1)]
    # b_1 calls a's function; b_2 does not
    deps = {x.path: ({"a"} if x.path == Path("b/wrong_1.py") else set()) for x in entries}
    rounds = pack(entries, deps)
    assert [sorted((g, f.path.name) for g, f in r.items()) for r in rounds] == [
        [("a", "wrong_1.py"), ("b", "wrong_2.py"), ("c", "wrong_1.py")], [("a", "wrong_2.py")], [("b", "wrong_1.py")]]


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_catalog_grades_as_expected(name, tmp_path):
    ex = exercises(read_nb(solution_path(name)))
    release = read_nb(release_path(name))
    reference = reference_answers(name)
    entries = [e for es in catalog(name).values() for e in es]
    wrong_rounds = pack([e for e in entries if e.kind == "wrong"], dependencies(name))
    right_rounds = pack([e for e in entries if e.kind == "right"], None)
    submissions = {"right": {"reference": fill(release, reference)}, "wrong": {}}
    rounds = {}
    for kind, packed in (("wrong", wrong_rounds), ("right", right_rounds)):
        for k, r in enumerate(packed):
            student = f"{kind}{k:02d}"
            rounds[student] = r
            nb = fill(release, {**reference, **{g: e.source for g, e in r.items()}})
            # The first right submission comes as a notebook re-saved by Colab: that must grade the same.
            submissions[kind][student] = colab_resave(nb, name) if student == "right00" else nb
    # Right answers are graded as a class is: the kernel run and the plain-Python run must both
    # pass. Wrong answers are graded by the kernel run alone (the course's Verdict keeps a test's
    # points only where both runs pass it, so points lost in the kernel run are lost in full
    # grading too); this halves the CPU time of most submissions.
    # No submission here needs its figures (`--SandboxedExecute.figures=False`: matplotlib's Agg
    # backend draws nothing), which saves up to a third of a notebook's run, nor the lesson cells
    # after its last graded cell (`stop_after_last_graded`: they cannot change the points of a
    # cell that ran before them), which saves two thirds of 08's run (its experiment grid).
    quick = ["--SandboxedExecute.figures=False", "--SandboxedExecute.stop_after_last_graded=True"]
    batches = [(submissions["right"], quick)]
    if submissions["wrong"]:
        batches.append((submissions["wrong"], [*quick, "--SandboxedExecute.plain_run=False"]))
    scores, logs = autograde_batches(tmp_path, name, batches)

    def points(student, test_ids):
        got = scores.get(student, {})
        missing = [t for t in test_ids if t not in got]
        assert not missing, f"{student}: no grade for {missing}; nbgrader said:\n" + "\n".join(logs)[-4000:]
        return sum(got[t][0] or 0 for t in test_ids), sum(got[t][1] for t in test_ids)

    def log_tail() -> str:
        return "\nnbgrader said:\n" + "\n".join(logs)[-4000:]

    all_tests = [t for ts in ex.values() for t in ts]
    got, full = points("reference", all_tests)
    assert got == full, f"{name}: the reference answers earn {got}/{full}" + log_tail()
    failures = []
    for student, r in rounds.items():
        for gid, e in r.items():
            got, full = points(student, ex[gid])
            if e.kind == "wrong" and got >= full:
                failures.append(f"{e.path.relative_to(CATALOGS)} is wrong but earned {got}/{full}")
            if e.kind == "right" and got < full:
                failures.append(f"{e.path.relative_to(CATALOGS)} is right but earned {got}/{full}")
        if next(iter(r.values())).kind == "right":
            got, full = points(student, all_tests)
            if got < full:
                saved = " (in a notebook re-saved by Colab)" if student == "right00" else ""
                failures.append(f"right entries {sorted(r)} together earn {got}/{full} on the whole notebook{saved}")
    assert not failures, "\n".join(failures) + log_tail()
