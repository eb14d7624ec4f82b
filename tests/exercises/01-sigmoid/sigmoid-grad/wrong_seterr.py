# family 4 (global state): 1 / (e + 2 + 1/e) with e = exp(-x) is exact in value once overflow
# and division by zero are silenced, but it silences them with np.seterr for the whole process.
import numpy as np


def sigmoid_grad(x):
    np.seterr(over="ignore", divide="ignore")
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    e = np.exp(-x)
    return 1 / (e + 2 + 1 / e)
