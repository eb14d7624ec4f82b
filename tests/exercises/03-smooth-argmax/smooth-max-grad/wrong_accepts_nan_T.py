# Wrong (contract: "Raise ValueError ... unless 0 < T < inf"): `T <= 0 or T == np.inf` lets T = nan through.
import numpy as np


def smooth_max_grad(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype != np.float32 and z.dtype != np.float64:
        z = z.astype(np.float64)
    if T <= 0 or T == np.inf:
        raise ValueError("T must be in (0, inf)")
    if z.shape[axis] == 0:
        raise ValueError("no logits")
    t = z.dtype.type(T)
    zmax = np.max(z, axis=axis, keepdims=True)
    shifted = (z - zmax) / t
    lse = np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
    grad = np.exp(shifted - lse)
    value = (zmax + t * lse).squeeze(axis)
    return value, grad
