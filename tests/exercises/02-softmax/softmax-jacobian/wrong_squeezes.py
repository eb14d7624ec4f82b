# Wrong (batch of one): squeezes the result, so a batch of one example, shape (1, K), gives (K, K).
import numpy as np
from scipy.special import softmax


def softmax_jacobian(z):
    z = np.asarray(z)
    p = softmax(z, axis=-1)
    eye = np.eye(z.shape[-1], dtype=z.dtype)
    return np.squeeze((p[..., :, None] * (eye - p[..., None, :])).astype(z.dtype))
