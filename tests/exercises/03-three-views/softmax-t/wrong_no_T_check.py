# Wrong: never checks T, so T = 0 divides by zero (nan and warnings) and T < 0 flips the ranking.
import numpy as np


def softmax_t(z, T, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    with np.errstate(all="ignore"):
        s = z / T
        e = np.exp(s - s.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
