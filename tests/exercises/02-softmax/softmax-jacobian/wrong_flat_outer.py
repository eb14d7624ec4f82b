# Wrong: np.outer flattens a batch, so an (N, K) input gives one (N*K, N*K) matrix instead of N matrices.
import numpy as np
from scipy.special import softmax


def softmax_jacobian(z):
    z = np.asarray(z)
    p = softmax(z, axis=-1)
    return np.diag(p.ravel()) - np.outer(p, p)
