# family: wrong formula (not one of the six families; the slope's exact oracle catches it).
# Wrong: the slope is z / n, without subtracting the mean logit (it would not sum to zero).
import numpy as np


def temperature_limits(z, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    n = z.shape[axis]
    if n == 0:
        raise ValueError("no classes")
    top = z == z.max(axis=axis, keepdims=True)
    cold = (top / top.sum(axis=axis, keepdims=True)).astype(z.dtype)
    hot = np.full(z.shape, 1 / n, dtype=z.dtype)
    return cold, hot, z / z.dtype.type(n)
