# not one of the six families (the exercise's own logic): the misuse itself, a sigmoid on logit 1 alone instead of softmax(z)[1] = sigmoid(z1 - z0).
import torch


def head_probabilities(logits, head):
    if head not in ("two_logit", "one_logit"):
        raise ValueError(f"unknown head {head!r}")
    if logits.shape[-1] != (2 if head == "two_logit" else 1):
        raise ValueError("wrong size of the last axis")
    return torch.sigmoid(logits[..., -1])
