# family 1 (input changed): folds negative inputs onto x >= 0 in place (np.asarray did not
# copy), so the values are right but the caller's array has lost its signs.
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    neg = x < 0
    np.negative(x, out=x, where=neg)        # now x >= 0 everywhere: exp(-x) <= 1
    e = np.exp(-x)
    return np.where(neg, e / (1 + e), 1 / (1 + e))
