# family 5 (boundary): finds the maxima with np.isclose, so 1 + 1e-12 "ties" with 1 and steals
# half the cold limit; only exact ties share.
import numpy as np


def temperature_limits(z, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    n = z.shape[axis]
    if n == 0:
        raise ValueError("no classes")
    top = np.isclose(z, z.max(axis=axis, keepdims=True))
    cold = (top / top.sum(axis=axis, keepdims=True)).astype(z.dtype)
    hot = np.full(z.shape, 1 / n, dtype=z.dtype)
    slope = (z - z.mean(axis=axis, keepdims=True)) / z.dtype.type(n)
    return cold, hot, slope
