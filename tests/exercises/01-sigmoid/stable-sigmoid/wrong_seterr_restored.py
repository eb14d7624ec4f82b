# Wrong (breaks "No overflow ... may happen"): the naive formula with np.seterr(over="ignore") for the duration of the
# call, put back before returning, so exp(1000) still overflows (silently).
import numpy as np


def stable_sigmoid(x):
    old = np.seterr(over="ignore")
    try:
        x = np.asarray(x)
        if x.dtype.kind != "f":
            x = x.astype(np.float64)
        return 1 / (1 + np.exp(-x))
    finally:
        np.seterr(**old)
