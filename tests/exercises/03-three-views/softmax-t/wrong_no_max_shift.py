# Wrong: no max-shift, so exp(1000 / T) overflows to inf (inf / inf = nan, with a RuntimeWarning).
import numpy as np


def softmax_t(z, T, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if T <= 0:
        raise ValueError("T must be positive")
    e = np.exp(z / T)
    return e / e.sum(axis=axis, keepdims=True)
