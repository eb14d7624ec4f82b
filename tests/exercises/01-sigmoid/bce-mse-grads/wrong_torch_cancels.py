# Wrong (cancellation): the textbook sigma(z) - y, computed with torch. For y = 1 and z >> 0, sigma(z) rounds
# to 1 and the gradient becomes 0, although its true value -sigma(-z) is tiny but not 0 (about -4.2e-18 at z = 40).
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
