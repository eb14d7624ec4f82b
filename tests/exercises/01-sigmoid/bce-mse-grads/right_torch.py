# Right: the closed forms computed with torch (no autograd), converted back to the input's dtype.
import numpy as np
import torch


def bce_mse_grads(z, y):
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    zt = torch.from_numpy(np.array(z, copy=True))
    yt = torch.from_numpy(np.asarray(y, dtype=z.dtype).copy())
    s = torch.sigmoid(zt)
    g_bce = s - yt
    g_mse = g_bce * s * torch.sigmoid(-zt)
    return g_bce.numpy().reshape(z.shape), g_mse.numpy().reshape(z.shape)
