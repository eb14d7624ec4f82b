# family 4 (overflow, caught under np.errstate(all="raise")).
# Wrong: T * log(sum(exp(z / T))) as written: exp(1000) overflows (the gradient is fine).
import numpy as np
from scipy.special import softmax


def smooth_max_grad(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if not 0 < T < np.inf:
        raise ValueError("bad T")
    if z.shape[axis] == 0:
        raise ValueError("empty axis")
    t = z.dtype.type(T)
    return t * np.log(np.exp(z / t).sum(axis=axis)), softmax(z / t, axis=axis)
