# family: wrong formula (not one of the six families).
# Wrong: the gradient is softmax(z), forgetting the temperature (it is softmax(z / T)).
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
    m = z.max(axis=axis, keepdims=True)
    value = np.squeeze(m, axis=axis) + z.dtype.type(T) * logsumexp((z - m) / z.dtype.type(T), axis=axis)
    return value, softmax(z, axis=axis)
