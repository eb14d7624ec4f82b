# family 4 (overflow): np.where evaluates BOTH branches on every element, so exp still overflows.
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
