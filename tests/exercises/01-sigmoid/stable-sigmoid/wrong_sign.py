# Wrong: the sign is flipped in both branches, so it computes sigma(-x) = 1 - sigma(x).
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1 + e), 1 / (1 + e))
