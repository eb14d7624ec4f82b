# family 1 (input changed): subtracts the maximum from z in place (np.asarray did not copy):
# the log-probabilities are right, but the caller's logits are now shifted.
import numpy as np


def log_softmax(z, axis=-1):
    z = np.asarray(z)
    z -= z.max(axis=axis, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))
