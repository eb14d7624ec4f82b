# family 5 (boundary): never checks the size of the last axis, so a (3, 2) tensor passes as a "one_logit" head.
import torch


def head_probabilities(logits, head):
    if head == "two_logit":
        return torch.softmax(logits, dim=-1)[..., 1]
    if head == "one_logit":
        return torch.sigmoid(logits[..., 0])
    raise ValueError(f"unknown head {head!r}")
