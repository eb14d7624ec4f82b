# Wrong (input changed): turns the labels into the gradient in place (y -= ...), which overwrites the caller's
# labels when they are a float array of the same dtype.
import numpy as np
from scipy.special import expit


def bce_mse_grads(z, y):
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    g = np.asarray(y, dtype=z.dtype)
    s, s_neg = expit(z), expit(-z)
    g *= -(s + s_neg)          # g = -y (s + s_neg) = -y ...
    g += s                     # ... + s: (1 - y) s - y s_neg, written into the caller's y
    return g, g * s * s_neg
