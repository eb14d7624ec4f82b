# family 2 (device lost): allocates w and b with torch.zeros on the default device and fills them,
# so tensors that came from a GPU (or the meta device) end up on the CPU.
import torch


def two_to_one_head(W2, b2):
    w = torch.zeros(1, W2.shape[1], dtype=W2.dtype)
    b = torch.zeros(1, dtype=b2.dtype)
    w[0] = W2[1] - W2[0]
    b[0] = b2[1] - b2[0]
    return w, b
