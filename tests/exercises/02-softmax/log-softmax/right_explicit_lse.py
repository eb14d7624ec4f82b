# Right: an explicit logsumexp helper (m + log sum exp(z - m)), subtracted from z.
import numpy as np


def _logsumexp(z, axis):
    m = np.max(z, axis=axis, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


def log_softmax(z, axis=-1):
    z = np.asarray(z)
    return z - _logsumexp(z, axis)
