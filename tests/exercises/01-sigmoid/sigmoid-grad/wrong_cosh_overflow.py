# family 4 (overflow): 1 / (4 cosh^2(x/2)) is the right formula, but cosh(500) overflows.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return 0.25 / np.cosh(x / 2) ** 2
