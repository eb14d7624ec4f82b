"""The checks behind exercise contracts (see :mod:`utils.contracts`), clause by clause.

An exercise states its contract in its instructions (what it accepts, what it keeps,
what it must not call, how accurate it must be); its hidden tests check each clause
with these helpers, so every failure reads as one line that says what was wrong:

    from utils import contracts as C

    got = C.call(stable_softmax, z, forbid=("scipy.special.softmax",))
    C.assert_dtype(got, z.dtype)
    C.assert_rel_close(got, want, rtol=1e-12, what="softmax(z)")

:func:`call` runs the student's function under the clauses every exercise shares: its
arguments are compared with copies taken before the call (so an answer that shifts,
sorts or clips its input in place is caught, and references are computed from the
copies, also when the function raised), NumPy's and torch's global settings must be as they
were, no floating-point error may happen (``np.errstate(all="raise")``, which an
``np.seterr`` or ``np.errstate`` in the answer's own code cannot switch off during the call;
libraries keep theirs), and forbidden functions raise when called. Failures raise
:class:`ContractError`, an ``AssertionError``, so nbgrader counts them as failed tests.
"""
from __future__ import annotations

import copy
import functools
import importlib
import math
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any

import numpy as np


class ContractError(AssertionError):
    """One clause of an exercise's contract was broken; the message says which, in one line."""


class ForbiddenCall(ContractError):
    """The exercise's instructions forbid calling this function."""


# --------------------------------------------------------------------------- copies
def _is_tensor(x: Any) -> bool:
    return type(x).__module__.startswith("torch") and hasattr(x, "detach")


def snapshot(x: Any) -> Any:
    """A deep copy of ``x`` that later changes to ``x`` cannot reach (arrays and tensors included)."""
    if isinstance(x, np.ndarray):
        return x.copy()
    if _is_tensor(x):
        return x.detach().clone().requires_grad_(x.requires_grad)
    return copy.deepcopy(x)


def same(a: Any, b: Any) -> bool:
    """Exactly equal, NaN equal to NaN, dtype, shape and device included."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype
                and a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")))
    if _is_tensor(a) or _is_tensor(b):
        if not (_is_tensor(a) and _is_tensor(b)) or a.dtype != b.dtype or a.shape != b.shape:
            return False
        if a.requires_grad != b.requires_grad:
            return False
        if a.device != b.device:
            return False
        if a.device.type == "meta":
            return True
        import torch

        return bool(torch.equal(a, b) or (a.is_floating_point() and torch.equal(a.isnan(), b.isnan())
                                          and torch.equal(a.nan_to_num(), b.nan_to_num())))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):     # 5 replaced by np.int64(5), or 1.0 by np.float32(1.0)
        return False
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 objects whose == is not a truth value
        return a is b


# --------------------------------------------------------------------------- global state
def global_state() -> dict[str, Any]:
    """The process-wide settings an answer must leave as it found them."""
    state: dict[str, Any] = {"numpy error handling (np.seterr)": np.geterr(),
                             "numpy print options (np.set_printoptions)": np.get_printoptions(),
                             "warning filters": _builtin_warning_filters()}
    torch = _torch()
    if torch is not None:
        state["torch default dtype"] = torch.get_default_dtype()
        state["torch grad mode"] = torch.is_grad_enabled()
        state["torch threads"] = torch.get_num_threads()
        state["torch float32 matmul precision"] = torch.get_float32_matmul_precision()
        state["torch deterministic algorithms"] = torch.are_deterministic_algorithms_enabled()
        if hasattr(torch, "get_default_device"):   # torch >= 2.3
            state["torch default device"] = torch.get_default_device()
    return state


def _builtin_warning_filters() -> list[Any]:
    """The warning filters on Python's own categories (RuntimeWarning, Warning, ...): what an
    answer would change to hide an overflow. Filters on a library's own category are left out:
    libraries add them when first imported (sympy does, when torch first imports it)."""
    return [f for f in warnings.filters if getattr(f[2], "__module__", "") == "builtins"]


def _torch() -> Any:
    import sys

    return sys.modules.get("torch")


# --------------------------------------------------------------------------- tripwires
def _resolve(dotted: str) -> tuple[Any, str]:
    """``"scipy.special.softmax"`` -> (the scipy.special module, "softmax");
    ``"torch.Tensor.softmax"`` -> (torch.Tensor, "softmax")."""
    parts = dotted.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for p in parts[i:-1]:
            obj = getattr(obj, p)
        return obj, parts[-1]
    raise ValueError(f"cannot find {dotted!r}")


#: Other names of a forbidden function: calling one of them is calling it. Each is wired with
#: the name it stands for (names this torch or scipy lacks are skipped).
ALIASES: dict[str, tuple[str, ...]] = {
    "scipy.special.expit": ("scipy.special._ufuncs.expit",),
    "torch.sigmoid": ("torch.special.expit", "torch.Tensor.sigmoid", "torch.nn.functional.sigmoid"),
    "torch.softmax": ("torch.special.softmax", "torch.Tensor.softmax", "torch.nn.functional.softmax"),
    "torch.log_softmax": ("torch.special.log_softmax", "torch.Tensor.log_softmax",
                          "torch.nn.functional.log_softmax"),
    "torch.nn.functional.log_softmax": ("torch.Tensor.log_softmax", "torch.special.log_softmax"),
    "torch.nn.functional.softmax": ("torch.Tensor.softmax", "torch.special.softmax"),
    "torch.logsumexp": ("torch.special.logsumexp", "torch.Tensor.logsumexp"),
    # autograd in any form: functorch's transforms and forward mode differentiate too
    "torch.autograd.grad": ("torch.func.grad", "torch.func.grad_and_value", "torch.func.jacrev",
                            "torch.func.jacfwd", "torch.func.vjp", "torch.func.jvp", "torch.func.hessian",
                            "torch.autograd.forward_ad.make_dual", "torch.autograd.functional.jvp",
                            "torch.autograd.functional.vjp"),
    "torch.Tensor.backward": ("torch.autograd.backward",),
}


def _wired_names(names: Sequence[str]) -> list[tuple[str, str]]:
    """(dotted path to wire, the forbidden name it stands for): the names, then their aliases."""
    out = [(n, n) for n in names]
    for n in names:
        out += [(a, n) for a in ALIASES.get(n, ()) if a not in names and all(a != w for w, _ in out)]
    return out


@contextmanager
def tripwires(names: Sequence[str], namespace: dict[str, Any] | None = None) -> Iterator[list[str]]:
    """While inside, calling any of ``names`` (dotted paths) or their :data:`ALIASES` raises
    :class:`ForbiddenCall`; names in ``namespace`` (a student function's ``__globals__``) bound
    to one of them, as after ``from scipy.special import expit``, are wired too. Yields the
    list of forbidden calls made, so a call is seen even if the student's code catches the error."""
    calls: list[str] = []
    saved: list[tuple[Any, str, Any, bool]] = []
    saved_names: dict[str, Any] = {}

    def wire_for(label: str) -> Callable[..., Any]:
        def wire(*args: Any, **kwargs: Any) -> Any:
            calls.append(label)
            raise ForbiddenCall(f"your function calls {label}, which this exercise forbids: "
                                "write the computation yourself")
        return wire
    try:
        originals: dict[int, str] = {}
        for path, forbidden in _wired_names(names):
            try:
                owner, attr = _resolve(path)
                original = getattr(owner, attr)
            except (ValueError, AttributeError):
                if path == forbidden:
                    raise
                continue                  # an alias this version does not have
            label = forbidden if path == forbidden else f"{path} (that is, {forbidden})"
            originals.setdefault(id(original), label)
            own = attr in getattr(owner, "__dict__", {})
            saved.append((owner, attr, original, own))
            setattr(owner, attr, wire_for(label))
        for key, value in list((namespace or {}).items()):
            # bound by name, or inside a functools.partial made before the call
            target = value.func if isinstance(value, functools.partial) else value
            if id(target) in originals:
                saved_names[key] = value
                namespace[key] = wire_for(originals[id(target)])  # type: ignore[index]
        yield calls
    finally:
        for owner, attr, original, own in reversed(saved):
            if own:
                setattr(owner, attr, original)
            else:                         # inherited (torch.Tensor.sigmoid): remove the wire
                delattr(owner, attr)
        if namespace is not None:
            namespace.update(saved_names)


# --------------------------------------------------------------------------- the call
#: Floating-point errors that fail an answer: overflow, division by zero and invalid
#: operations (0/0, inf - inf). Underflow to 0 is how floating point works, not an error.
FP_ERRORS = {"over": "raise", "divide": "raise", "invalid": "raise", "under": "ignore"}
_WATCHED = ("over", "divide", "invalid")


@functools.cache
def _library_folders() -> tuple[str, ...]:
    """Where library code lives (read once: every errstate a library opens during a call asks)."""
    import os
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    site = os.path.dirname(os.path.dirname(os.path.abspath(np.__file__)))
    return tuple(sorted({sys.prefix, sys.base_prefix, sys.exec_prefix, site, here, "<frozen"}))


def _from_student() -> bool:
    """Was the caller's caller (the code that called a wired function) written outside every
    library and this package, i.e. in the notebook?"""
    import sys

    return not sys._getframe(2).f_code.co_filename.startswith(_library_folders())


@contextmanager
def _fp_watch(namespace: dict[str, Any] | None) -> Iterator[dict[str, str]]:
    """Overflow, division by zero and invalid operations raise (:data:`FP_ERRORS`), even inside
    an ``np.errstate(...)`` or after an ``np.seterr(...)`` that the answer's own code opens
    during the call (whatever name it reaches them by): those keep their other settings but
    cannot switch these errors off. Libraries' own ``errstate`` blocks are left as they are
    (scipy uses them on purpose). Yields the settings the answer's ``np.seterr`` calls asked
    for, so that a change it does not undo is still a change of global state."""
    errstate_cls, original_init, original_seterr = np.errstate, np.errstate.__init__, np.seterr
    asked = dict(np.geterr())

    def expand(kwargs: dict[str, Any]) -> dict[str, Any]:
        kwargs = dict(kwargs)
        everything = kwargs.pop("all", None)
        if everything is not None:
            for k in ("over", "divide", "invalid", "under"):
                kwargs.setdefault(k, everything)
        return kwargs

    def strict(kwargs: dict[str, Any]) -> dict[str, Any]:
        return {**expand(kwargs), **{k: FP_ERRORS[k] for k in _WATCHED}}

    def init(self: Any, **kwargs: Any) -> None:
        original_init(self, **(strict(kwargs) if _from_student() else kwargs))

    def seterr(**kwargs: Any) -> Any:
        if not _from_student():
            return original_seterr(**kwargs)
        before = dict(asked)
        asked.update({k: v for k, v in expand(kwargs).items() if k in asked})
        original_seterr(**strict(kwargs))
        return before

    saved = {k: v for k, v in (namespace or {}).items() if v is original_seterr}
    errstate_cls.__init__, np.seterr = init, seterr
    for k in saved:
        namespace[k] = seterr  # type: ignore[index]
    try:
        with np.errstate(**FP_ERRORS):
            asked.update(np.geterr())
            yield asked
    finally:
        errstate_cls.__init__, np.seterr = original_init, original_seterr
        if namespace is not None:
            namespace.update(saved)


def call(fn: Callable[..., Any], *args: Any, forbid: Sequence[str] = (), fp_errors: bool = True,
         keep_inputs: bool = True, keep_state: bool = True, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` under the shared clauses; returns what it returned.

    * ``keep_inputs``: every argument equals a copy taken before the call, also when the call
      raised;
    * ``keep_state``: :func:`global_state` is unchanged;
    * ``fp_errors``: overflow, division by zero and invalid operations in NumPy raise
      (:data:`FP_ERRORS`), also inside an ``np.errstate`` or after an ``np.seterr`` of the
      answer's own;
    * ``forbid``: these functions raise :class:`ForbiddenCall` during the call.
    """
    name = getattr(fn, "__name__", "your function")
    for dotted in forbid:   # import the modules of forbidden names first: their import is no change of state
        _resolve(dotted)
    before_args = [snapshot(a) for a in args]
    before_kwargs = {k: snapshot(v) for k, v in kwargs.items()}
    state = global_state() if keep_state else {}
    inside: dict[str, Any] = {}
    namespace = getattr(fn, "__globals__", None)
    try:
        with tripwires(forbid, namespace) as forbidden_calls, \
                (_fp_watch(namespace) if fp_errors else nullcontext()) as asked:
            expected = np.geterr()
            out = fn(*args, **kwargs)
            if np.geterr() != expected:   # np.seterr inside the answer, hidden by errstate's exit
                inside["numpy error handling (np.seterr)"] = np.geterr()
            elif asked is not None and asked != expected:   # asked for, though made strict here
                inside["numpy error handling (np.seterr)"] = dict(asked)
        if forbidden_calls:               # called, and the error caught by the answer itself
            raise ForbiddenCall(f"{name} calls {forbidden_calls[0]}, which this exercise forbids")
    except FloatingPointError as exc:
        raise ContractError(f"{name} hit a floating-point error ({exc}): an overflow, 0/0 or log(0) "
                            "that a stable formula avoids (switching NumPy's errors off inside does not "
                            "hide it)") from None
    finally:
        changed = [k for k, v in global_state().items() if keep_state and v != state.get(k)]
        changed += [k for k in inside if keep_state and k not in changed]
        if changed:
            _restore(state)
        # The inputs are compared even when the function raised (a ValueError the tests expect
        # included): an answer that writes into its input before it raises has still changed it.
        if keep_inputs:
            for i, (a, b) in enumerate(zip(args, before_args)):
                if not same(a, b):
                    raise ContractError(f"{name} changed its input (argument {i + 1}) in place: "
                                        "work on a copy, never on the caller's data")
            for k, v in kwargs.items():
                if not same(v, before_kwargs[k]):
                    raise ContractError(f"{name} changed its input {k!r} in place: work on a copy")
    if changed:
        raise ContractError(f"{name} changed global settings it must leave alone: {', '.join(changed)}")
    return out


def _restore(state: dict[str, Any]) -> None:
    np.seterr(**state["numpy error handling (np.seterr)"])
    np.set_printoptions(**state["numpy print options (np.set_printoptions)"])
    libraries = [f for f in warnings.filters if getattr(f[2], "__module__", "") != "builtins"]
    warnings.filters[:] = state["warning filters"] + libraries
    torch = _torch()
    if torch is not None and "torch default dtype" in state:
        torch.set_default_dtype(state["torch default dtype"])
        torch.set_grad_enabled(state["torch grad mode"])
        torch.set_num_threads(state["torch threads"])
        torch.set_float32_matmul_precision(state["torch float32 matmul precision"])
        torch.use_deterministic_algorithms(state["torch deterministic algorithms"])
        if "torch default device" in state:
            torch.set_default_device(state["torch default device"])


# --------------------------------------------------------------------------- results
def _array(x: Any) -> np.ndarray:
    if _is_tensor(x):
        return x.detach().cpu().double().numpy()
    return np.asarray(x, dtype=np.float64)


def assert_rel_close(got: Any, want: Any, rtol: float, what: str = "the result",
                     zero_atol: float = 0.0) -> None:
    """Every element within relative error ``rtol`` of ``want`` (tails included: no absolute
    tolerance swamps a tiny true value). Where ``want`` is exactly 0, ``|got| <= zero_atol``."""
    g, w = _array(got), _array(want)
    if g.shape != w.shape:
        raise ContractError(f"{what} has shape {g.shape}, expected {w.shape}")
    both_inf = np.isinf(g) & np.isinf(w) & (np.sign(g) == np.sign(w))
    both_nan = np.isnan(g) & np.isnan(w)
    with np.errstate(all="ignore"):
        err = np.where(w == 0, np.abs(g) - zero_atol, np.abs(g - w) - rtol * np.abs(w))
    bad = ~(both_inf | both_nan) & ~(err <= 0)
    if bad.any():
        i = tuple(int(k) for k in np.argwhere(bad)[0])
        at = f" at index {i}" if g.ndim else ""
        rel = abs(g[i] - w[i]) / abs(w[i]) if w[i] != 0 else math.inf
        raise ContractError(f"{what}{at} is {float(g[i])!r}, expected {float(w[i])!r} (relative error {rel:.2e} > {rtol:.0e})")


def assert_dtype(got: Any, dtype: Any, what: str = "the result") -> None:
    """``got`` has exactly ``dtype`` (a NumPy or torch dtype)."""
    have = getattr(got, "dtype", type(got))
    if have != dtype:
        name = _dtype_name(have)
        if not hasattr(got, "dtype"):   # a Python number: say so, not "float64, expected float64"
            name = f"a Python {type(got).__name__}, not an array or NumPy scalar of dtype {_dtype_name(dtype)}"
        raise ContractError(f"{what} is {name}, expected {_dtype_name(dtype)} "
                            f"(the dtype of the input must be kept)")


def _dtype_name(d: Any) -> str:
    try:
        return np.dtype(d).name
    except TypeError:
        return str(d).replace("torch.", "")


def assert_shape(got: Any, shape: tuple[int, ...], what: str = "the result") -> None:
    have = tuple(getattr(got, "shape", ()))
    if have != tuple(shape):
        raise ContractError(f"{what} has shape {have}, expected {tuple(shape)}")


def assert_device(got: Any, device: Any, what: str = "the result") -> None:
    """A tensor result stays on the input's device (test with ``device="meta"`` without a GPU)."""
    have = getattr(got, "device", None)
    if have is None or str(have) != str(device):
        raise ContractError(f"{what} is on {have}, expected {device}: keep tensors on their device")
