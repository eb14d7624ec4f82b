# Wrong: the log of a (stable) softmax: a probability that underflowed to 0 gives log(0) = -inf
# (with a divide-by-zero warning) instead of the finite log-probability.
import numpy as np


def log_softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return np.log(e / e.sum(axis=axis, keepdims=True))
