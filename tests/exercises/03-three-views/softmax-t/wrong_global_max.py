# Wrong: subtracts the maximum of the whole array, not of each slice along `axis`:
# a row far below the global maximum underflows to 0 / 0.
import numpy as np


def softmax_t(z, T, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if T <= 0:
        raise ValueError("T must be positive")
    s = z / T
    e = np.exp(s - s.max())
    return e / e.sum(axis=axis, keepdims=True)
