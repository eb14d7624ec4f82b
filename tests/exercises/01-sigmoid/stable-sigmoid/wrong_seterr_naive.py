# family 4 (global state): the naive formula with NumPy's overflow errors switched off for the
# whole process by np.seterr; the values happen to be right, but exp(1000) still overflows.
import numpy as np


def stable_sigmoid(x):
    np.seterr(over="ignore")
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return 1 / (1 + np.exp(-x))
