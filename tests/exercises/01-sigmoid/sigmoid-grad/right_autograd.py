# Right: let PyTorch differentiate its own sigmoid and hand back a NumPy array.
import numpy as np
import torch


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    t = torch.tensor(x, requires_grad=True)
    torch.sigmoid(t).sum().backward()
    return t.grad.numpy()
