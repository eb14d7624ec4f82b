# Wrong: the textbook 1 / (1 + exp(-z)) overflows for z = -1000 (a floating-point error under np.errstate).
import numpy as np


def bce_mse_grads(z, y):
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    y = np.asarray(y, dtype=z.dtype)
    s, s_neg = 1 / (1 + np.exp(-z)), 1 / (1 + np.exp(z))
    g_bce = (1 - y) * s - y * s_neg
    return g_bce, g_bce * s * s_neg
