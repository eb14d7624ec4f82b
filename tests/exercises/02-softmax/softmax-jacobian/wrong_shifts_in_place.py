# Wrong (input changed): subtracts the row maximum from the caller's array in place before the softmax.
import numpy as np


def softmax_jacobian(z):
    z = np.asarray(z)
    z -= z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    p = e / e.sum(axis=-1, keepdims=True)
    return p[..., :, None] * (np.eye(z.shape[-1], dtype=z.dtype) - p[..., None, :])
