# family 3 (blind tails): the log of a (stable) softmax: a probability that underflowed to 0 gives
# log(0) = -inf (a division by zero) instead of the finite log-probability.
import numpy as np


def log_softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return np.log(e / e.sum(axis=axis, keepdims=True))
