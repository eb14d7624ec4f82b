"""utils.tripwire: forbidden functions fail, are recorded, and come back afterwards."""
from __future__ import annotations

import math

import numpy as np
import pytest

from utils.tripwire import forbidden


def test_attribute_and_bound_name_are_trapped_and_restored():
    exp = np.exp
    namespace = {"np": np, "e": np.exp, "other": math.sqrt}

    def student(x):
        return namespace["e"](x) + np.exp(x)

    with forbidden(namespace, [(np, "exp")]) as calls:
        with pytest.raises(AssertionError, match="numpy.exp must not be called"):
            student(1.0)
        assert np.sqrt(4.0) == 2.0 and namespace["other"](9.0) == 3.0
    assert calls == ["numpy.exp"]
    assert np.exp is exp and namespace["e"] is exp


def test_caught_errors_are_still_recorded():
    namespace = {}

    def student(x):
        try:
            return np.exp(x)
        except AssertionError:
            return 0.0

    with forbidden(namespace, [(np, "exp")]) as calls:
        assert student(1.0) == 0.0
    assert calls == ["numpy.exp"]


def test_restored_after_an_error():
    exp = np.exp
    with pytest.raises(RuntimeError):
        with forbidden({}, [(np, "exp")]):
            raise RuntimeError("boom")
    assert np.exp is exp
