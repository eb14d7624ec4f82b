# Wrong: softmax over dim=0 (the batch axis) instead of the last axis.
import torch


def head_probabilities(logits, head):
    if head == "two_logit":
        if logits.shape[-1] != 2:
            raise ValueError("two_logit needs a last axis of size 2")
        return torch.softmax(logits, dim=0)[..., 1]
    if head == "one_logit":
        if logits.shape[-1] != 1:
            raise ValueError("one_logit needs a last axis of size 1")
        return torch.sigmoid(logits[..., 0])
    raise ValueError(f"unknown head {head!r}")
