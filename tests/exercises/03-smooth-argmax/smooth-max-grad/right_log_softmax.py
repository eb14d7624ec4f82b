# Right: the gradient as exp of the log-softmax, z / T - LSE(z / T), written with NumPy.
import numpy as np


def smooth_max_grad(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype != np.float32 and z.dtype != np.float64:
        z = z.astype(np.float64)
    if not 0 < T < np.inf:                     # also rejects nan
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
