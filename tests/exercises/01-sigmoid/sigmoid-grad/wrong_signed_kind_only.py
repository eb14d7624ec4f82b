# Wrong (breaks "Python numbers and integers give float64"): converts only signed integer arrays; a uint8 or bool array
# goes through integer arithmetic (|x| is unsigned, -|x| wraps) and comes back float16.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind == "i":
        x = x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return e / (1 + e) ** 2
