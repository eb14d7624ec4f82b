# Right: the diagonal computed as p_i times the sum of the other probabilities (no cancellation), the rest as -p_i p_j.
import numpy as np


def softmax_jacobian(z):
    z = np.asarray(z)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    p = e / e.sum(axis=-1, keepdims=True)
    K = z.shape[-1]
    off = ~np.eye(K, dtype=bool)
    jac = -p[..., :, None] * p[..., None, :]
    rest = (p[..., None, :] * off).sum(axis=-1)
    idx = np.arange(K)
    jac[..., idx, idx] = p * rest
    return jac.astype(z.dtype, copy=False)
