# Wrong (family a, input changed): breaks "Your function leaves its arguments exactly as they were": "no gradients
# needed for a conversion", so it calls W2.requires_grad_(False) and b2.requires_grad_(False), which freezes the
# caller's nn.Linear parameters for any later training.
import torch


def two_to_one_head(W2, b2):
    W2.requires_grad_(False)
    b2.requires_grad_(False)
    w = (W2[1] - W2[0]).unsqueeze(0)
    b = (b2[1] - b2[0]).unsqueeze(0)
    return w, b
