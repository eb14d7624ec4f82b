# Wrong (float32 arithmetic where float64 is promised): computes the slope in float32 and casts it back, so a
# float64 slope has only about 7 correct digits.
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
    z32 = z.astype(np.float32)
    slope = (z32 - z32.mean(axis=axis, keepdims=True)) / np.float32(n)
    return cold, hot, slope.astype(z.dtype)
