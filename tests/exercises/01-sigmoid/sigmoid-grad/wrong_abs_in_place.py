# family 1 (input changed): sigma' is even, so it folds x onto |x| in place (np.asarray did not
# copy): right values, but the caller's array has lost its signs.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    np.abs(x, out=x)
    e = np.exp(-x)
    return e / (1 + e) ** 2
