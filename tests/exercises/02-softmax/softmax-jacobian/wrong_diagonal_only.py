# Wrong: only the diagonal p_i (1 - p_i), as if each output depended on its own logit alone (a sigmoid's view).
import numpy as np
from scipy.special import softmax


def softmax_jacobian(z):
    z = np.asarray(z)
    p = softmax(z, axis=-1)
    eye = np.eye(z.shape[-1], dtype=z.dtype)
    return (p * (1 - p))[..., :, None] * eye
