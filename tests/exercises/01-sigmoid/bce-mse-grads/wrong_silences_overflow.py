# Wrong (global state): keeps the overflowing 1 / (1 + exp(-z)) and hides its warning with np.seterr, which
# changes NumPy's error handling for every later cell.
import numpy as np


def bce_mse_grads(z, y):
    np.seterr(over="ignore")
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    y = np.asarray(y, dtype=z.dtype)
    s, s_neg = 1 / (1 + np.exp(-z)), 1 / (1 + np.exp(z))
    g_bce = (1 - y) * s - y * s_neg
    return g_bce, g_bce * s * s_neg
