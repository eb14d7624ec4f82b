# Wrong (blind tail): clips the logits to [-30, 30] "to be safe", which changes every gradient beyond that range:
# at z = 40, y = 1 it returns -sigma(-30) instead of -sigma(-40).
import numpy as np
from scipy.special import expit


def bce_mse_grads(z, y):
    z = np.clip(np.asarray(z), -30, 30)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    y = np.asarray(y, dtype=z.dtype)
    s, s_neg = expit(z), expit(-z)
    g_bce = (1 - y) * s - y * s_neg
    return g_bce, g_bce * s * s_neg
