# family 4 (warnings switched off): the naive T * log(sum(exp(z / T))) with np.seterr(all="ignore")
# so that exp(1000) = inf raises no warning; the value comes out inf and the global setting stays changed.
import numpy as np


def smooth_max_grad(z, T=1.0, axis=-1):
    np.seterr(all="ignore")
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if not 0 < T < np.inf:
        raise ValueError("bad T")
    if z.shape[axis] == 0:
        raise ValueError("empty axis")
    t = z.dtype.type(T)
    e = np.exp(z / t)
    total = e.sum(axis=axis, keepdims=True)
    return np.squeeze(t * np.log(total), axis=axis), e / total
