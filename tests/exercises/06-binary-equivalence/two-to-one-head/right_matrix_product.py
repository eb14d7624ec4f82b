# Right: multiply by the row vector (-1, 1), which picks z1 - z0 for the weights and the bias alike.
import torch


def two_to_one_head(W2, b2):
    contrast = torch.tensor([[-1.0, 1.0]], dtype=W2.dtype, device=W2.device)
    w = contrast @ W2
    b = contrast @ b2
    return w, b
