# Right: the closed forms computed with torch (no autograd), sigma(z) - 1 written as -sigma(-z) so that
# nothing cancels, converted back to the input's dtype.
import numpy as np
import torch


def bce_mse_grads(z, y):
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    zt = torch.from_numpy(np.array(z, copy=True))
    yt = torch.from_numpy(np.asarray(y, dtype=z.dtype).copy())
    p, q = torch.sigmoid(zt), torch.sigmoid(-zt)
    g_bce = (1 - yt) * p - yt * q
    g_mse = g_bce * p * q
    return g_bce.numpy().reshape(z.shape), g_mse.numpy().reshape(z.shape)
