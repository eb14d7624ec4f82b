# family 6 (forbidden function: torch.autograd.grad).
# Wrong (forbidden): asks torch's autograd for the gradient instead of deriving it.
import numpy as np
import torch


def smooth_max_grad(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if not 0 < T < np.inf:
        raise ValueError("bad T")
    if z.shape[axis] == 0:
        raise ValueError("empty axis")
    zt = torch.tensor(z, requires_grad=True)
    value = T * torch.logsumexp(zt / T, dim=axis)
    (grad,) = torch.autograd.grad(value.sum(), zt)
    return value.detach().numpy(), grad.numpy()
