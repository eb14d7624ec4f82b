# family 6 (forbidden function: np.exp through a hand-written softmax).
# Wrong: approximates the limits with a softmax at T = 1e-9 and T = 1e9 instead of computing them.
import numpy as np


def _softmax(s, axis):
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def temperature_limits(z, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if z.shape[axis] == 0:
        raise ValueError("no classes")
    n = z.shape[axis]
    cold = _softmax(z / 1e-9, axis)
    hot = _softmax(z / 1e9, axis)
    slope = (z - z.mean(axis=axis, keepdims=True)) / n
    return cold, hot, slope
