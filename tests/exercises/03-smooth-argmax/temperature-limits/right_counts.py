# Right: counts the tied maxima with np.count_nonzero and fills with np.where.
import numpy as np


def temperature_limits(z, axis=-1):
    z = np.asarray(z)
    if not (z.dtype == np.float32 or z.dtype == np.float64):
        z = np.asarray(z, dtype=np.float64)
    if z.shape[axis] == 0:
        raise ValueError("axis has length 0")
    n = z.shape[axis]
    is_top = z == np.max(z, axis=axis, keepdims=True)
    ties = np.count_nonzero(is_top, axis=axis, keepdims=True)
    cold = np.where(is_top, 1 / ties, 0).astype(z.dtype)
    hot = np.full_like(z, 1 / n)
    centred = z - np.mean(z, axis=axis, keepdims=True)
    return cold, hot, centred / n
