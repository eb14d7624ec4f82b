# Wrong (cancellation): the cross-entropy gradient is careful, but sigma'(z) is computed as s * (1 - s); for z >> 0
# 1 - s rounds to 0, so the squared-error gradient at z = 40, y = 0 is 0 instead of about 4.2e-18.
import numpy as np
from scipy.special import expit


def bce_mse_grads(z, y):
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    y = np.asarray(y, dtype=z.dtype)
    s = expit(z)
    g_bce = (1 - y) * s - y * expit(-z)
    return g_bce, g_bce * s * (1 - s)
