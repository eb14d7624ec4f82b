# Wrong: y - sigma(z) is the direction of descent, not the gradient; both signs are flipped.
import numpy as np
from scipy.special import expit


def bce_mse_grads(z, y):
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    y = np.asarray(y, dtype=z.dtype)
    s = expit(z)
    return y - s, (y - s) * s * (1 - s)
