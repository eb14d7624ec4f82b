# Wrong: forgets the chain rule through the sigmoid for the squared error, so both gradients are sigma(z) - y.
import numpy as np
from scipy.special import expit


def bce_mse_grads(z, y):
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    y = np.asarray(y, dtype=z.dtype)
    g = expit(z) - y
    return g, g.copy()
