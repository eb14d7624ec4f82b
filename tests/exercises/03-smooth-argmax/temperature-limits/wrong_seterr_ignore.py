# family 4 (global state): silences NumPy's floating-point warnings for the whole session with
# np.seterr(all="ignore") "to be safe"; the numbers are right.
import numpy as np


def temperature_limits(z, axis=-1):
    np.seterr(all="ignore")
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    n = z.shape[axis]
    if n == 0:
        raise ValueError("no classes")
    top = z == z.max(axis=axis, keepdims=True)
    cold = (top / top.sum(axis=axis, keepdims=True)).astype(z.dtype)
    hot = np.full(z.shape, 1 / n, dtype=z.dtype)
    slope = (z - z.mean(axis=axis, keepdims=True)) / z.dtype.type(n)
    return cold, hot, slope
