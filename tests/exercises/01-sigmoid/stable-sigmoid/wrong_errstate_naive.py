# Wrong (breaks "No overflow, division by zero or invalid operation may happen"): the naive formula, with its overflow
# (exp(1000) = inf) hidden by a local np.errstate(over="ignore") that overrides the tests' errstate(all="raise").
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))
