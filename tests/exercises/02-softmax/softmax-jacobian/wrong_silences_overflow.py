# Wrong (global state): the unshifted exp overflows at logits of 1000; np.seterr hides it, and changes NumPy's
# error handling for every later cell (the overflowing rows also come out as nan).
import numpy as np


def softmax_jacobian(z):
    np.seterr(all="ignore")
    z = np.asarray(z)
    e = np.exp(z)
    p = e / e.sum(axis=-1, keepdims=True)
    return p[..., :, None] * (np.eye(z.shape[-1], dtype=z.dtype) - p[..., None, :])
