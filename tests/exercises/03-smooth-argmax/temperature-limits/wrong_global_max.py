# Wrong: compares with the maximum of the whole array, not of each slice along `axis`.
import numpy as np


def temperature_limits(z, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    n = z.shape[axis]
    if n == 0:
        raise ValueError("no classes")
    top = z == z.max()
    cold = (top / np.maximum(top.sum(axis=axis, keepdims=True), 1)).astype(z.dtype)
    hot = np.full(z.shape, 1 / n, dtype=z.dtype)
    slope = (z - z.mean(axis=axis, keepdims=True)) / n
    return cold, hot, slope.astype(z.dtype)
