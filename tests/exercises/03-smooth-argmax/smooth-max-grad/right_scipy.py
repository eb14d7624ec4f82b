# Right: scipy.special.logsumexp for the value and scipy.special.softmax for the gradient.
import numpy as np
from scipy.special import logsumexp, softmax


def smooth_max_grad(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if not np.issubdtype(z.dtype, np.floating) or z.dtype == np.float16:
        z = z.astype(np.float64)
    if not (T > 0 and np.isfinite(T)):
        raise ValueError(f"need 0 < T < inf, got {T}")
    if z.shape[axis] == 0:
        raise ValueError("empty axis")
    s = z / z.dtype.type(T)
    # T * logsumexp(z / T) = max z + T * logsumexp((z - max z) / T): keeps max z exact for tiny T
    m = z.max(axis=axis, keepdims=True)
    value = np.squeeze(m, axis=axis) + z.dtype.type(T) * logsumexp((z - m) / z.dtype.type(T), axis=axis)
    return value, softmax(s, axis=axis)
