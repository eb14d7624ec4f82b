# Wrong (float32 arithmetic where float64 is promised): computes in float32 "to save memory" and casts the result
# back, so a float64 Jacobian carries only about 7 correct digits.
import numpy as np
from scipy.special import softmax


def softmax_jacobian(z):
    z = np.asarray(z)
    p = softmax(z.astype(np.float32), axis=-1)
    jac = p[..., :, None] * (np.eye(z.shape[-1], dtype=np.float32) - p[..., None, :])
    return jac.astype(z.dtype)
