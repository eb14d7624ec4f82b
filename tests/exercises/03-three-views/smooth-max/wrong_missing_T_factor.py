# Wrong: returns log-sum-exp(z / T) and forgets to multiply by T, so the scale is off by 1/T.
import numpy as np


def smooth_max(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if T <= 0:
        raise ValueError("T must be positive")
    s = z / z.dtype.type(T)
    m = s.max(axis=axis, keepdims=True)
    return np.squeeze(m + np.log(np.exp(s - m).sum(axis=axis, keepdims=True)), axis=axis)
