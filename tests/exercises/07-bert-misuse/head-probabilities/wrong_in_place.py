# family 1 (input changed): subtracts z0 from the logits in place, which changes the caller's tensor (and breaks autograd on leaves).
import torch


def head_probabilities(logits, head):
    if head not in ("two_logit", "one_logit"):
        raise ValueError(f"unknown head {head!r}")
    size = 2 if head == "two_logit" else 1
    if logits.ndim == 0 or logits.shape[-1] != size:
        raise ValueError(f"last axis must have size {size}")
    if head == "one_logit":
        return torch.sigmoid(logits[..., 0])
    if not logits.requires_grad:
        logits[..., 1] -= logits[..., 0]
        return torch.sigmoid(logits[..., 1])
    return torch.sigmoid(logits[..., 1] - logits[..., 0])
