# Wrong: s * (1 + s) instead of s * (1 - s).
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    e = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1, e) / (1 + e)
    return s * (1 + s)
