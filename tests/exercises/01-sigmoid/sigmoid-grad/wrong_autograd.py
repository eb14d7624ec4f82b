# family 6 (forbidden function) and family 3 (oracle with the same cancellation): autograd of torch.sigmoid
# computes s * (1 - s), which the exercise forbids and which loses the tail: sigma'(40) comes out as 0.
import numpy as np
import torch


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    t = torch.tensor(x, requires_grad=True)
    torch.sigmoid(t).sum().backward()
    return t.grad.numpy()
