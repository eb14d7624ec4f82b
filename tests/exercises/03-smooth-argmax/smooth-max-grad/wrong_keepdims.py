# family 2 (promised shape not kept).
# Wrong: the value keeps the reduced axis (shape (..., 1)) instead of removing it.
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
    e = np.exp((z - m) / t)
    total = e.sum(axis=axis, keepdims=True)
    return m + t * np.log(total), e / total
