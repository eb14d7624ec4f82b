# Wrong: diag(p) + p p^T; the off-diagonal entries must be negative (raising z_j lowers every other p_i).
import numpy as np
from scipy.special import softmax


def softmax_jacobian(z):
    z = np.asarray(z)
    p = softmax(z, axis=-1)
    eye = np.eye(z.shape[-1], dtype=z.dtype)
    return p[..., :, None] * eye + p[..., :, None] * p[..., None, :]
