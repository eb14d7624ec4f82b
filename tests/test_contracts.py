"""Every auto-graded exercise declares its contract as data (a `Contract(...)` in its test
cell), its instructions show the contract's sentences word for word, and its tests check the
contract through the contract's checker. (The checker's `done()` fails the reference answer
itself when the tests skip a clause the contract names: nbval and the catalogs see that.)"""
from __future__ import annotations

import ast

import pytest

from harness import assignment_names, exercises, nbg, read_nb, solution_path
from utils import contracts

# Exercises whose tests do not yet check a declared contract (issue 15 is still open for them).
# Each is an expected failure while it lacks one, and fails the suite once it has one: then
# delete its entry.
PENDING: set[str] = set()

CASES = [(name, gid) for name in assignment_names() for gid in exercises(read_nb(solution_path(name)))]


def _contracts_in(source: str) -> list[contracts.Contract]:
    """The Contract(...) calls of a test cell, built from their literal arguments."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
            if name == "Contract":
                args = [ast.literal_eval(a) for a in node.args]
                kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
                found.append(contracts.Contract(*args, **kwargs))
    return found


@pytest.mark.parametrize("name,gid", CASES, ids=[f"{n}/{g}" for n, g in CASES])
def test_exercise_declares_and_states_its_contract(name, gid):
    if f"{name}/{gid}" in PENDING:
        try:
            _check(name, gid)
        except AssertionError as exc:
            pytest.xfail(f"no contract yet: {exc}")
        pytest.fail(f"{name}/{gid} now declares and states its contract: delete it from PENDING")
    _check(name, gid)


def _check(name: str, gid: str) -> None:
    nb = read_nb(solution_path(name))
    index = next(i for i, c in enumerate(nb.cells) if nbg(c).get("grade_id") == gid)
    tests = exercises(nb)[gid]
    test_sources = [c.source for c in nb.cells if nbg(c).get("grade_id") in tests]
    declared = [k for src in test_sources for k in _contracts_in(src)]
    assert declared, f"{name}/{gid}: its test cell declares no utils.contracts.Contract(...)"
    contract = declared[0]
    defined = {n.name for n in ast.parse(nb.cells[index].source).body if isinstance(n, ast.FunctionDef)}
    assert contract.function in defined, f"{name}/{gid}: the contract is for {contract.function!r}, " \
                                         f"the cell defines {sorted(defined)}"
    assert any("checker(" in src and ".done()" in src for src in test_sources), \
        f"{name}/{gid}: the tests must check the contract with its checker and end with done()"
    # The instructions: the markdown cells between the previous code cell and the solution cell.
    k = index - 1
    text = []
    while k >= 0 and nb.cells[k].cell_type == "markdown":
        text.append(nb.cells[k].source)
        k -= 1
    instructions = " ".join(" ".join(text).split())
    missing = [s for s in contract.describe() if " ".join(s.split()) not in instructions]
    assert not missing, f"{name}/{gid}: the instructions do not state these clauses of its contract: {missing}"
