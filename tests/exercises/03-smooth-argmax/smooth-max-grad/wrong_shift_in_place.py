# family 1 (input changed): subtracts the maximum from the caller's array in place (np.asarray
# makes no copy of a float array); value and gradient are right.
import numpy as np


def smooth_max_grad(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if not 0 < T < np.inf:
        raise ValueError("bad T")
    if z.shape[axis] == 0:
        raise ValueError("empty axis")
    t = z.dtype.type(T)
    m = z.max(axis=axis, keepdims=True)
    z -= m
    e = np.exp(z / t)
    total = e.sum(axis=axis, keepdims=True)
    return np.squeeze(m + t * np.log(total), axis=axis), e / total
