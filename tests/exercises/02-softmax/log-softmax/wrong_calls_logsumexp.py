# family 6 (forbidden function): right in every value, dtype and shape, but it calls
# scipy.special.logsumexp, which the exercise forbids (the max-shift is the point).
import numpy as np
from scipy.special import logsumexp


def log_softmax(z, axis=-1):
    z = np.asarray(z)
    return (z - logsumexp(z, axis=axis, keepdims=True)).astype(z.dtype)
