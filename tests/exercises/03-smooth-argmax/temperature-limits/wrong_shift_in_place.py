# family 1 (input changed): shifts the logits by their maximum in place (`z -= ...` on the caller's
# array, since np.asarray makes no copy); every returned number is right.
import numpy as np


def temperature_limits(z, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    n = z.shape[axis]
    if n == 0:
        raise ValueError("no classes")
    z -= z.max(axis=axis, keepdims=True)          # now the top logits are exactly 0
    top = z == 0
    cold = (top / top.sum(axis=axis, keepdims=True)).astype(z.dtype)
    hot = np.full(z.shape, 1 / n, dtype=z.dtype)
    slope = (z - z.mean(axis=axis, keepdims=True)) / z.dtype.type(n)
    return cold, hot, slope
