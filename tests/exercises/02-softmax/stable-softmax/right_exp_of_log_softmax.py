# Right: exponentiate z - logsumexp(z), with the log-sum-exp computed stably (max-shift).
import numpy as np


def stable_softmax(z, axis=-1):
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    return np.exp(z - lse)
