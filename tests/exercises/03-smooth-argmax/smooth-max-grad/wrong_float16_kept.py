# Wrong (contract: "A float32 / float64 input gives a result of the same dtype. Anything else ... gives float64"):
# keeps any floating dtype, so float16 logits give float16 results (with float16's 3 digits).
import numpy as np
from scipy.special import logsumexp, softmax


def smooth_max_grad(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if not np.issubdtype(z.dtype, np.floating):
        z = z.astype(np.float64)
    if not 0 < T < np.inf:
        raise ValueError("bad T")
    if z.shape[axis] == 0:
        raise ValueError("empty axis")
    t = z.dtype.type(T)
    m = z.max(axis=axis, keepdims=True)
    value = np.squeeze(m, axis=axis) + t * logsumexp((z - m) / t, axis=axis)
    return value, softmax((z - m) / t, axis=axis)
