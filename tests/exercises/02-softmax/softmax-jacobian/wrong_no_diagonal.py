# Wrong: -p p^T only; forgets the diag(p) term that the quotient rule gives for i = j.
import numpy as np
from scipy.special import softmax


def softmax_jacobian(z):
    z = np.asarray(z)
    p = softmax(z, axis=-1)
    return -p[..., :, None] * p[..., None, :]
