# Wrong: forgot to square the denominator, e / (1 + e) is sigma(-|x|), not the derivative.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return e / (1 + e)
