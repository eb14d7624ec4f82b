# Right: one exponential e = exp(-|x|) serves both signs; numerator 1 or e.
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1, e) / (1 + e)
