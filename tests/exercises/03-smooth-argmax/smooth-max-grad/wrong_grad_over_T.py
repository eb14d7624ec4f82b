# Wrong: keeps the 1/T of the chain rule but forgets the factor T in front: grad = softmax(z / T) / T.
import numpy as np
from scipy.special import logsumexp, softmax


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
    value = np.squeeze(m, axis=axis) + t * logsumexp((z - m) / t, axis=axis)
    return value, softmax(z / t, axis=axis) / t
