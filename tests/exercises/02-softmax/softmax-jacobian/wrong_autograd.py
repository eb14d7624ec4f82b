# Wrong (rule broken): asks torch's autograd for the Jacobian of each example, which the exercise forbids.
import numpy as np
import torch
from torch.autograd.functional import jacobian


def softmax_jacobian(z):
    z = np.asarray(z)
    rows = torch.from_numpy(z.reshape(-1, z.shape[-1]).copy())
    jacs = [jacobian(lambda v: torch.softmax(v, dim=0), row) for row in rows]
    out = torch.stack(jacs) if jacs else torch.zeros((0, z.shape[-1], z.shape[-1]), dtype=rows.dtype)
    return out.numpy().reshape(z.shape + (z.shape[-1],))
