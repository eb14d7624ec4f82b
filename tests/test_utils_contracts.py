"""utils.contracts: each clause catches the mistake it is for, in one line, and lets a
correct answer through."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.special
import torch

from utils import contracts as C


def good_softmax(z):
    z = np.asarray(z)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def test_a_correct_answer_passes_every_clause():
    z = np.array([[1000.0, 0.0, -3.0]])
    got = C.call(good_softmax, z, forbid=("scipy.special.softmax", "torch.softmax"))
    C.assert_dtype(got, z.dtype)
    C.assert_shape(got, z.shape)
    C.assert_rel_close(got[:, :2], scipy.special.softmax(z, axis=-1)[:, :2], rtol=1e-12)


def test_changing_the_input_in_place_is_caught():
    def shifts_in_place(z):
        z -= z.max()
        return good_softmax(z)
    z = np.array([3.0, 1.0, -3.0])
    with pytest.raises(C.ContractError, match=r"changed its input \(argument 1\) in place"):
        C.call(shifts_in_place, z)


def test_a_written_dict_and_tensor_inputs_are_caught():
    def writes(cfg, t):
        cfg["num_labels"] = 1
        return t
    with pytest.raises(C.ContractError, match="changed its input"):
        C.call(writes, {"num_labels": 2}, torch.zeros(2))

    def clamps(t):
        return t.clamp_(-1, 1)
    with pytest.raises(C.ContractError, match="in place"):
        C.call(clamps, torch.tensor([5.0, -5.0]))


def test_overflow_is_caught_even_when_the_answer_silences_numpy():
    def naive(z):
        np.seterr(all="ignore")
        e = np.exp(z)
        return e / e.sum()
    before = np.geterr()
    with pytest.raises(C.ContractError, match="floating-point error"):
        C.call(naive, np.array([1000.0, 0.0]))
    assert np.geterr() == before, "the helper must put the settings back"

    def quiet_only(z):
        np.seterr(all="ignore")
        return z
    with pytest.raises(C.ContractError, match="global settings.*np.seterr"):
        C.call(quiet_only, np.array([1.0]))
    assert np.geterr() == before

    def naive_quiet(z):
        e = np.exp(z)
        return e / e.sum()
    with pytest.raises(C.ContractError, match="floating-point error"):
        C.call(naive_quiet, np.array([1000.0, 0.0]))


def test_an_overflow_hidden_inside_the_answer_is_still_caught():
    from numpy import errstate as quiet

    def hides_with_errstate(z):
        with np.errstate(over="ignore", invalid="ignore"):
            e = np.exp(-z)
            return e / e.sum()

    def hides_with_alias(z):
        with quiet(all="ignore"):
            return 1 / (1 + np.exp(-z))

    def hides_and_restores(z):
        old = np.seterr(all="ignore")
        try:
            return 1 / (1 + np.exp(-z))
        finally:
            np.seterr(**old)
    for fn in (hides_with_errstate, hides_with_alias, hides_and_restores):
        with pytest.raises(C.ContractError, match="floating-point error"):
            C.call(fn, np.array([-1000.0, 0.0]))
    assert np.geterr()["over"] != "raise", "the helper must put numpy's settings back"

    def library_errstate(x):   # np.isclose switches off inf - inf inside, on purpose: not the answer's doing
        return np.isclose(x, x)
    assert C.call(library_errstate, np.array([np.inf])).all()


def test_an_input_changed_before_an_expected_error_is_caught():
    def clears_then_raises(labels):
        labels[:] = 0
        raise ValueError("bad label")
    with pytest.raises(C.ContractError, match="changed its input"):
        C.call(clears_then_raises, np.array([3, 9]))
    with pytest.raises(ValueError):
        C.call(lambda labels: (_ for _ in ()).throw(ValueError("bad")), np.array([3, 9]))


def test_print_options_are_global_state():
    def prints_short(x):
        np.set_printoptions(precision=2)
        return x
    before = np.get_printoptions()
    with pytest.raises(C.ContractError, match="print options"):
        C.call(prints_short, 1.0)
    assert np.get_printoptions() == before


def test_errstate_inside_the_answer_is_allowed_when_it_restores_settings():
    def careful(z):
        with np.errstate(over="ignore"):
            return np.exp(np.minimum(z, 700))
    C.call(careful, np.array([1.0]))


def test_torch_default_dtype_change_is_caught():
    def sets_default(x):
        torch.set_default_dtype(torch.float64)
        return x
    with pytest.raises(C.ContractError, match="torch default dtype"):
        C.call(sets_default, 1.0)
    assert torch.get_default_dtype() == torch.float32


def test_forbidden_functions_raise_and_are_restored():
    original = scipy.special.expit

    def uses_expit(x):
        return scipy.special.expit(x)
    with pytest.raises(C.ForbiddenCall, match="calls scipy.special.expit, which this exercise forbids"):
        C.call(uses_expit, np.array([0.0]), forbid=("scipy.special.expit",))
    assert scipy.special.expit is original

    def uses_method(t):
        return t.softmax(-1)
    with pytest.raises(C.ForbiddenCall):
        C.call(uses_method, torch.zeros(3), forbid=("torch.Tensor.softmax",))
    assert torch.zeros(2).softmax(-1).sum() == 1


def test_relative_error_sees_tails_that_an_absolute_tolerance_hides():
    want = np.array([1.0, 3.720075976020836e-44])       # sigmoid(-100) in float64
    C.assert_rel_close(want * (1 + 1e-14), want, rtol=1e-12)
    with pytest.raises(C.ContractError, match=r"index \(1,\) is 0.0"):
        C.assert_rel_close(np.array([1.0, 0.0]), want, rtol=1e-12)   # np.allclose would accept this
    with pytest.raises(C.ContractError, match="shape"):
        C.assert_rel_close(np.zeros(3), np.zeros(2), rtol=1e-12)
    C.assert_rel_close(np.array([np.inf, np.nan]), np.array([np.inf, np.nan]), rtol=1e-12)


def test_dtype_and_device_messages():
    with pytest.raises(C.ContractError, match="float64, expected float32"):
        C.assert_dtype(np.zeros(2), np.float32)
    with pytest.raises(C.ContractError, match="float64, expected float32"):
        C.assert_dtype(torch.zeros(2, dtype=torch.float64), torch.float32)
    C.assert_device(torch.zeros(2, device="meta"), "meta")
    with pytest.raises(C.ContractError, match="on cpu, expected meta"):
        C.assert_device(torch.zeros(2), "meta")


def test_same_compares_dtype_shape_and_nan():
    assert C.same(np.array([np.nan, 1.0]), np.array([np.nan, 1.0]))
    assert not C.same(np.array([1, 2], dtype=np.int32), np.array([1, 2], dtype=np.int64))
    assert C.same({"a": [1, np.zeros(2)]}, {"a": [1, np.zeros(2)]})
    assert C.same(torch.zeros(2, device="meta"), torch.zeros(2, device="meta"))


# --------------------------------------------------------------------------- contracts as data
SOFTMAX = C.Contract("good_softmax", ["input-unchanged", "state-unchanged", "no-fp-errors", "forbidden",
                                      "dtype-kept", "relative-error", "empty", "batch-of-one"],
                     forbid=["scipy.special.softmax"], dtypes=["float32", "float64"], rtol=1e-6)


def test_contract_describes_each_clause_in_order():
    lines = SOFTMAX.describe()
    assert len(lines) == len(SOFTMAX.clauses)
    assert "`scipy.special.softmax`" in lines[3] and "float32 / float64" in lines[4] and "1e-06" in lines[5]


def test_contract_rejects_unknown_or_incomplete_clauses():
    with pytest.raises(ValueError, match="unknown contract clauses"):
        C.Contract("f", ["inputs-untouched"])
    with pytest.raises(ValueError, match="forbidden"):
        C.Contract("f", ["forbidden"])
    with pytest.raises(ValueError, match="rtol"):
        C.Contract("f", ["relative-error"])


def test_checker_records_every_clause_and_done_finds_gaps():
    check = SOFTMAX.checker(good_softmax)
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], dtype=np.float32)
    got = check.call(z)
    check.dtype(got, np.float32)
    check.close(got, scipy.special.softmax(z.astype(np.float64), axis=-1))
    with pytest.raises(AssertionError, match=r"never check the clauses \['empty', 'batch-of-one'\]"):
        check.done()
    check.empty(check.call(np.zeros((0, 3))), (0, 3))
    check.batch_of_one(check.call(z[:1]), got[:1])
    check.done()


def test_checker_catches_a_forbidden_call_the_answer_swallows():
    def sneaky(z):
        try:
            return scipy.special.softmax(z, axis=-1)
        except Exception:  # noqa: BLE001
            return good_softmax(z)
    with pytest.raises(C.ForbiddenCall, match="calls scipy.special.softmax"):
        SOFTMAX.checker(sneaky).call(np.zeros(3))


def test_tripwire_reaches_names_imported_into_the_answer():
    namespace = {"expit": scipy.special.expit}
    exec("def f(x):\n    return expit(x)\n", namespace)
    with pytest.raises(C.ForbiddenCall):
        C.call(namespace["f"], np.zeros(2), forbid=("scipy.special.expit",))
    assert namespace["expit"] is scipy.special.expit


def test_warning_filters_of_builtin_categories_count_library_ones_do_not():
    import warnings

    def hides(x):
        warnings.simplefilter("ignore", RuntimeWarning)
        return x
    with pytest.raises(C.ContractError, match="warning filters"):
        C.call(hides, 1.0)

    class LibraryWarning(UserWarning):
        pass
    LibraryWarning.__module__ = "somelib"

    def imports_a_library(x):
        warnings.simplefilter("once", LibraryWarning)   # what sympy does when first imported
        return x
    C.call(imports_a_library, 1.0)


def test_float32_clause_checks_relative_error_and_dtype():
    c = C.Contract("f", ["float32-relative-error"])
    assert c.describe() == [C.CLAUSES["float32-relative-error"]]
    check = c.checker(lambda x: x)
    exact = np.array([0.5, 1e-30, 1e-40])           # 1e-40 is below float32's normal range
    C.close_float32(check, exact.astype(np.float32), exact)
    C.close_float32(check, np.array([0.5, 1e-30, 0.0], dtype=np.float32), exact)
    check.done()
    with pytest.raises(C.ContractError, match="relative error"):
        C.close_float32(check, np.array([0.5, 1e-30, 1e-3], dtype=np.float32), exact)
    with pytest.raises(C.ContractError, match="relative error"):
        C.close_float32(check, np.array([0.5, 0.0, 0.0], dtype=np.float32), exact)   # a lost tail
    with pytest.raises(C.ContractError, match="is float64, expected float32"):
        C.close_float32(check, exact, exact)
    with pytest.raises(AssertionError, match="never check"):
        c.checker(lambda x: x).done()


def test_importing_a_forbidden_functions_module_is_no_change_of_state():
    import subprocess
    import sys

    # a fresh interpreter in which torch is not imported yet: wiring torch.softmax imports it,
    # which adds torch's settings to the global state; that is the tests' doing, not the answer's
    code = ("import numpy as np\nfrom utils import contracts as C\n"
            "print(C.call(lambda z: z + 1, np.zeros(2), forbid=('torch.softmax',)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(C.__file__).rsplit("/utils/", 1)[0])
    assert out.returncode == 0, out.stderr[-400:]


def test_empty_batch_clause_checks_the_shape_and_is_recorded():
    contract = C.Contract("column_sums", ["input-unchanged", "empty-batch"])
    assert contract.describe()[1] == C.CLAUSES["empty-batch"]
    check = contract.checker(lambda y: np.asarray(y).sum(axis=0))
    with pytest.raises(AssertionError, match=r"never check the clauses \['input-unchanged', 'empty-batch'\]"):
        check.done()
    with pytest.raises(C.ContractError, match=r"has shape \(\), expected \(4,\)"):
        check.empty_batch(np.float64(0.0), (4,))
    check.empty_batch(check.call(np.zeros((0, 4))), (4,))
    check.done()


def test_scaled_error_measures_against_the_stated_scale_and_is_recorded():
    contract = C.Contract("diff", ["scaled-error"], rtol=1e-12)
    assert "times its scale" in contract.describe()[0]
    check = contract.checker(lambda a, b: a - b)
    exact, scale = np.array([1e-17, -0.25, 0.0]), np.array([2.0, 0.5, 1e-300])
    check.close_scaled(exact + np.array([1e-13, 0, 0]), exact, scale)     # cancellation within 1e-12 x 2
    check.done()
    with pytest.raises(C.ContractError, match=r"at index \(0,\).*> 1e-12 x its scale"):
        check.close_scaled(exact + np.array([1e-11, 0, 0]), exact, scale)
    with pytest.raises(C.ContractError, match="at index"):
        check.close_scaled(np.array([np.nan, -0.25, 0.0]), exact, scale)
    # float32 results get RTOL_FLOAT32, and nothing below float32's normal range is asked of them
    check.close_scaled((exact + [1e-6, 0, 1e-39]).astype(np.float32), exact, scale)
    with pytest.raises(C.ContractError, match="1e-05 x its scale"):
        check.close_scaled((exact + [1e-4, 0, 0]).astype(np.float32), exact, scale)
    with pytest.raises(ValueError, match="give rtol"):
        C.Contract("diff", ["scaled-error"])


def test_more_torch_settings_and_input_kinds_are_compared():
    def precision(x):
        torch.set_float32_matmul_precision("high")
        return x
    with pytest.raises(C.ContractError, match="matmul precision"):
        C.call(precision, 1.0)
    assert torch.get_float32_matmul_precision() == "highest"
    if hasattr(torch, "get_default_device"):
        def device(x):
            torch.set_default_device("meta")
            return x
        with pytest.raises(C.ContractError, match="default device"):
            C.call(device, 1.0)
        assert torch.get_default_device().type == "cpu"

    def freezes(w):
        w.requires_grad_(False)
        return w
    with pytest.raises(C.ContractError, match="changed its input"):
        C.call(freezes, torch.zeros(2, requires_grad=True))

    def retypes(task):
        task["n"] = np.int64(task["n"])
        return task
    with pytest.raises(C.ContractError, match="changed its input"):
        C.call(retypes, {"n": 5})
    assert C.same({"n": 5, "z": np.arange(2)}, {"n": 5, "z": np.arange(2)})


def test_a_python_float_is_named_as_such():
    with pytest.raises(C.ContractError, match="a Python float, not an array"):
        C.assert_dtype(0.5, np.float64)


def test_forbidden_functions_are_caught_under_their_other_names():
    import functools

    import scipy.special

    lse = functools.partial(scipy.special.logsumexp, keepdims=True)
    g = {"lse": lse}
    fn = eval("lambda z: lse(z)", g)
    for answer, forbid in [(lambda x: torch.from_numpy(x).sigmoid(), ["torch.sigmoid"]),
                           (lambda x: torch.special.expit(torch.from_numpy(x)), ["torch.sigmoid"]),
                           (lambda x: torch.nn.functional.softmax(torch.from_numpy(x), 0), ["torch.softmax"]),
                           (lambda x: torch.func.jacfwd(torch.sin)(torch.from_numpy(x)), ["torch.autograd.grad"]),
                           (fn, ["scipy.special.logsumexp"])]:
        with pytest.raises(C.ForbiddenCall):
            C.call(answer, np.zeros(2), forbid=forbid)
    assert "sigmoid" not in torch.Tensor.__dict__, "an inherited method must be unwired, not shadowed"
    assert g["lse"] is lse and torch.zeros(1).sigmoid().item() == 0.5
