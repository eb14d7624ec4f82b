# Wrong: applies the temperature after the exponential and forgets to renormalise:
# softmax(z) ** (1 / T) no longer sums to one when T != 1.
import numpy as np


def softmax_t(z, T, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if T <= 0:
        raise ValueError("T must be positive")
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return (e / e.sum(axis=axis, keepdims=True)) ** (1 / T)
