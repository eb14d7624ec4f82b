# Wrong: returns LSE(z / T) instead of T * LSE(z / T): right only at T = 1.
import numpy as np
from scipy.special import logsumexp, softmax


def smooth_max_grad(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if not 0 < T < np.inf:
        raise ValueError("bad T")
    if z.shape[axis] == 0:
        raise ValueError("empty axis")
    s = z / z.dtype.type(T)
    return logsumexp(s, axis=axis), softmax(s, axis=axis)
