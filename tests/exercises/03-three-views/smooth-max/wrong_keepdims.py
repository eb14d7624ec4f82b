# Wrong: keeps the reduced axis (shape (..., 1) instead of removing it).
import numpy as np


def smooth_max(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if T <= 0:
        raise ValueError("T must be positive")
    T = z.dtype.type(T)
    m = z.max(axis=axis, keepdims=True)
    return m + T * np.log(np.exp((z - m) / T).sum(axis=axis, keepdims=True))
