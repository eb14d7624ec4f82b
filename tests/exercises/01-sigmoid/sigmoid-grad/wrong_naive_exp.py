# Wrong: e^{-x} / (1 + e^{-x})^2 with the raw exponent: overflow warning and inf/inf = nan at x = -1000.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    e = np.exp(-x)
    return e / (1 + e) ** 2
