# family 3 (blind tails): s * (1 - s) from a stable sigmoid: no overflow, but 1 - s cancels,
# so sigma'(x) loses its relative accuracy from x ~ 10 and is exactly 0 beyond x ~ 37.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    e = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    return s * (1 - s)
