# Wrong: differentiates (sigma(z) - y)**2 without the 1/2, so the squared-error gradient is twice too large.
import numpy as np
from scipy.special import expit


def bce_mse_grads(z, y):
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    y = np.asarray(y, dtype=z.dtype)
    s = expit(z)
    return s - y, 2 * (s - y) * s * (1 - s)
