# family 3 (blind tail): P(class 1) as 1 - P(class 0) = 1 - sigma(z0 - z1); right in the middle, but at
# (z0, z1) = (0, -30) sigma(30) rounds to 1 and the answer 9.4e-14 comes out as 0.
import torch


def head_probabilities(logits, head):
    if head not in ("two_logit", "one_logit"):
        raise ValueError(f"unknown head {head!r}")
    size = 2 if head == "two_logit" else 1
    if logits.ndim == 0 or logits.shape[-1] != size:
        raise ValueError(f"{head} needs a last axis of size {size}")
    if head == "two_logit":
        return 1 - torch.sigmoid(logits[..., 0] - logits[..., 1])
    return torch.sigmoid(logits[..., 0])
