# Wrong (rule broken): asks autograd for the gradients, which the exercise forbids (and torch's own backward of
# the sigmoid computes s * (1 - s), with its cancellation).
import numpy as np
import torch
import torch.nn.functional as F


def bce_mse_grads(z, y):
    z = np.asarray(z)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    zt = torch.tensor(z.astype(dtype), requires_grad=True)
    yt = torch.tensor(np.asarray(y).astype(dtype))
    (g_bce,) = torch.autograd.grad(F.binary_cross_entropy_with_logits(zt, yt, reduction="sum"), zt)
    (g_mse,) = torch.autograd.grad((0.5 * (torch.sigmoid(zt) - yt) ** 2).sum(), zt)
    return g_bce.numpy(), g_mse.numpy()
