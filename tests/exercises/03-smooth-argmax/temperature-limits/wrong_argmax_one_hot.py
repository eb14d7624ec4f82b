# family 5 (boundary: ties at the maximum).
# Wrong: the one-hot of np.argmax as the cold limit: tied maxima do not share, the first one takes all.
import numpy as np


def temperature_limits(z, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    n = z.shape[axis]
    if n == 0:
        raise ValueError("no classes")
    idx = np.expand_dims(np.argmax(z, axis=axis), axis)
    cold = np.zeros_like(z)
    np.put_along_axis(cold, idx, 1.0, axis=axis)
    hot = np.full(z.shape, 1 / n, dtype=z.dtype)
    slope = (z - z.mean(axis=axis, keepdims=True)) / n
    return cold, hot, slope
