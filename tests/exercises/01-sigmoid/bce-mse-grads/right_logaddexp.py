# Right: log sigma(z) = -logaddexp(0, -z), so sigma(z) = exp(-logaddexp(0, -z)) never overflows; the gradient is
# y * (sigma(z) - 1) + (1 - y) * sigma(z) with sigma(z) - 1 = -sigma(-z).
import numpy as np


def bce_mse_grads(z, y):
    z = np.asarray(z)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(dtype)
    y = np.asarray(y).astype(dtype)
    sig = np.exp(-np.logaddexp(0, -z))
    sig_neg = np.exp(-np.logaddexp(0, z))
    g_bce = y * -sig_neg + (1 - y) * sig
    return g_bce, g_bce * (sig * sig_neg)
