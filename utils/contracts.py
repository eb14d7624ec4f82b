"""Exercise contracts as data, and the checker hidden tests use to check them.

An exercise states its contract in its instructions (what it accepts, what it keeps,
what it must not call, how accurate it must be); its test cell declares the same
contract as data, ``CONTRACT = C.Contract(...)``, and checks every clause through
``check = CONTRACT.checker(student_fn)``: ``check.call(...)``, ``check.dtype(...)``,
``check.close(...)``, ... and finally ``check.done()``. The checks themselves live in
:mod:`utils.checks` and are re-exported here, so tests need only
``from utils import contracts as C``. Every failure is one line that says what was wrong.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .checks import (FP_ERRORS, ContractError, ForbiddenCall, _array, _dtype_name, assert_device,  # noqa: F401
                     assert_dtype, assert_rel_close, assert_shape, call, global_state, same, snapshot,
                     tripwires)

__all__ = ["CLAUSES", "FP_ERRORS", "Checker", "Contract", "ContractError", "ForbiddenCall", "RTOL_FLOAT32",
           "assert_device", "assert_dtype", "assert_rel_close", "assert_shape", "call", "close_float32",
           "global_state", "same", "snapshot", "tripwires"]

# --------------------------------------------------------------------------- contracts as data
#: Every clause an exercise's contract may name, with the sentence its instructions use.
CLAUSES: dict[str, str] = {
    "input-unchanged": "Your function leaves its arguments exactly as they were (work on a copy).",
    "state-unchanged": "It leaves NumPy's and torch's global settings as they were (no `np.seterr`, "
                       "no `torch.set_default_dtype`).",
    "no-fp-errors": "No overflow, division by zero or invalid operation may happen: the tests run it "
                    "under `np.errstate(all=\"raise\")`.",
    "forbidden": "It must not call {forbid}.",
    "dtype-kept": "A {dtypes} input gives a result of the same dtype.",
    "empty": "An empty input gives an empty result of the right shape.",
    "batch-of-one": "A batch of one example works like any other batch.",
    "device-kept": "Tensors stay on the device they came from.",
    "relative-error": "Every element is within a relative error of {rtol:.0e} of the exact value, "
                      "tails included.",
}


class Contract:
    """An exercise's contract as data. Its hidden tests check it through :meth:`checker`,
    which records every clause it exercised; :meth:`Checker.done` fails (for the reference
    answer too, so in the course's own tests) when a clause the contract names was never
    checked. :meth:`describe` writes the sentences the exercise's instructions show."""

    def __init__(self, function: str, clauses: Sequence[str], forbid: Sequence[str] = (),
                 dtypes: Sequence[str] = (), rtol: float | None = None) -> None:
        unknown = set(clauses) - set(CLAUSES)
        if unknown:
            raise ValueError(f"unknown contract clauses {sorted(unknown)}; known: {sorted(CLAUSES)}")
        if ("forbidden" in clauses) != bool(forbid):
            raise ValueError("name the forbidden functions exactly when the contract has 'forbidden'")
        if ("dtype-kept" in clauses) != bool(dtypes):
            raise ValueError("name the dtypes exactly when the contract has 'dtype-kept'")
        if bool({"relative-error", "scaled-error"} & set(clauses)) != (rtol is not None):
            raise ValueError("give rtol exactly when the contract has 'relative-error' or 'scaled-error'")
        self.function, self.clauses = function, tuple(clauses)
        self.forbid, self.dtypes, self.rtol = tuple(forbid), tuple(dtypes), rtol

    def describe(self) -> list[str]:
        """One sentence per clause, in the contract's order (the instructions quote them)."""
        forbid = ", ".join(f"`{f}`" for f in self.forbid)
        dtypes = " / ".join(self.dtypes)
        return [CLAUSES[c].format(forbid=forbid, dtypes=dtypes, rtol=self.rtol or 0.0) for c in self.clauses]

    def checker(self, fn: Callable[..., Any]) -> Checker:
        return Checker(self, fn)


class Checker:
    """The checks of one contract against one student function; see :class:`Contract`."""

    def __init__(self, contract: Contract, fn: Callable[..., Any]) -> None:
        self.contract, self.fn = contract, fn
        self.exercised: set[str] = set()

    def call(self, *args: Any, **kwargs: Any) -> Any:
        """The function called under the contract's shared clauses (see :func:`call`)."""
        c = set(self.contract.clauses)
        out = call(self.fn, *args, forbid=self.contract.forbid if "forbidden" in c else (),
                   fp_errors="no-fp-errors" in c, keep_inputs="input-unchanged" in c,
                   keep_state="state-unchanged" in c, **kwargs)
        self.exercised |= c & {"input-unchanged", "state-unchanged", "no-fp-errors", "forbidden"}
        return out

    def dtype(self, got: Any, want: Any, what: str = "the result") -> None:
        assert_dtype(got, want, what)
        self.exercised.add("dtype-kept")

    def close(self, got: Any, want: Any, what: str = "the result", zero_atol: float = 0.0) -> None:
        assert self.contract.rtol is not None, "this contract sets no rtol"
        assert_rel_close(got, want, self.contract.rtol, what, zero_atol)
        self.exercised.add("relative-error")

    def device(self, got: Any, want: Any, what: str = "the result") -> None:
        assert_device(got, want, what)
        self.exercised.add("device-kept")

    def empty(self, got: Any, shape: tuple[int, ...], what: str = "an empty input") -> None:
        assert_shape(got, shape, f"the result for {what}")
        self.exercised.add("empty")

    def batch_of_one(self, got: Any, want: Any, what: str = "a batch of one") -> None:
        if self.contract.rtol is not None:
            assert_rel_close(got, want, self.contract.rtol, f"the result for {what}")
        elif not same(_array(got), _array(want)):
            raise ContractError(f"the result for {what} differs from the same example in a larger batch")
        self.exercised.add("batch-of-one")

    def done(self) -> None:
        """Fail if a clause of the contract was never exercised (a gap in the tests, not in the
        student's answer: the reference answer fails too, so the course's own tests catch it)."""
        missing = [c for c in self.contract.clauses if c not in self.exercised]
        if missing:
            raise AssertionError(f"[course bug] the tests of {self.contract.function} never check "
                                 f"the clauses {missing} of its contract")


# --------------------------------------------------------------------------- float32 accuracy
#: The relative error a float32 result may have (a contract's ``rtol`` is for float64).
RTOL_FLOAT32 = 1e-5
CLAUSES["float32-relative-error"] = (
    "A float32 result is within a relative error of 1e-05 of the exact value wherever that value "
    "is a normal float32 number (beyond about 1e-38).")


def close_float32(check: Checker, got: Any, want: Any, what: str = "the float32 result") -> None:
    """``got`` within :data:`RTOL_FLOAT32` of ``want`` (exact values, e.g. from mpmath) and a
    float32 array; records the clause ``float32-relative-error`` on ``check``. Exact values
    below float32's normal range count as 0 (a float32 result cannot resolve them)."""
    if getattr(got, "dtype", None) != np.float32:
        raise ContractError(f"{what} is {_dtype_name(getattr(got, 'dtype', type(got)))}, expected float32")
    g, w = _array(got), _array(want)
    tiny = np.abs(w) < np.finfo(np.float32).tiny      # may come out as 0 or a subnormal, nothing larger
    assert_rel_close(np.where(tiny & (np.abs(g) < np.finfo(np.float32).tiny), 0.0, g),
                     np.where(tiny, 0.0, w), RTOL_FLOAT32, what)
    check.exercised.add("float32-relative-error")


# --------------------------------------------------------------------------- a batch of no examples
# For functions that reduce over the examples (one number per label, say): their result for an
# input with no rows is not empty, so the "empty" clause's sentence would not be true of them.
CLAUSES["empty-batch"] = ("A batch of no examples (an input with 0 rows) works and gives a result "
                          "of the right shape.")


def _checker_empty_batch(self: Checker, got: Any, shape: tuple[int, ...],
                         what: str = "a batch of no examples") -> None:
    """The result for an input with no rows has ``shape`` (which need not be empty)."""
    assert_shape(got, shape, f"the result for {what}")
    self.exercised.add("empty-batch")


Checker.empty_batch = _checker_empty_batch  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- error against a stated scale
# Where the exact value is a difference that may cancel (sigma(z) - y with a soft label; the diagonal
# p_i - p_i**2 of the softmax Jacobian), no formula keeps a small relative error, and the honest
# measure is the error against the size of the terms. The exercise states that scale; the check
# takes it as an array beside the exact values.
CLAUSES["scaled-error"] = ("Every element is within {rtol:.0e} times its scale, stated above, of the exact "
                           "value (1e-05 times for a float32 result), tails included.")


def _checker_close_scaled(self: Checker, got: Any, want: Any, scale: Any, what: str = "the result") -> None:
    """|got - want| <= rtol * scale elementwise, with the contract's rtol (:data:`RTOL_FLOAT32` for a
    float32 result); an error below the smallest normal number of the result's dtype always passes."""
    assert self.contract.rtol is not None, "this contract sets no rtol"
    g, w, sc = _array(got), _array(want), np.abs(_array(scale))
    if g.shape != w.shape:
        raise ContractError(f"{what} has shape {g.shape}, expected {w.shape}")
    float32 = getattr(got, "dtype", None) == np.float32
    rtol = RTOL_FLOAT32 if float32 else self.contract.rtol
    tiny = float(np.finfo(np.float32 if float32 else np.float64).tiny)
    with np.errstate(all="ignore"):
        err = np.abs(g.astype(np.float64) - w)
        bad = ~(err <= rtol * sc + tiny)        # nan and inf are bad
    if bad.any():
        i = tuple(int(k) for k in np.argwhere(bad)[0])
        at = f" at index {i}" if g.ndim else ""
        raise ContractError(f"{what}{at} is {float(g[i])!r}, expected {float(w[i])!r} (error {float(err[i]):.2e} "
                            f"> {rtol:.0e} x its scale {float(sc[i]):.2e})")
    self.exercised.add("scaled-error")


Checker.close_scaled = _checker_close_scaled  # type: ignore[attr-defined]
