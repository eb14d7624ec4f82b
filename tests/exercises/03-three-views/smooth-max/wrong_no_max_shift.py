# Wrong: the textbook formula without the max-shift: exp(1000 / T) overflows to inf.
import numpy as np


def smooth_max(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if T <= 0:
        raise ValueError("T must be positive")
    T = z.dtype.type(T)
    return T * np.log(np.sum(np.exp(z / T), axis=axis))
