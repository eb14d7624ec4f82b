# family 3 (blind tail): softmax written with raw exponentials, exp(z1) / (exp(z0) + exp(z1)): inf / inf = nan at large logits.
import torch


def head_probabilities(logits, head):
    if head == "two_logit":
        if logits.shape[-1] != 2:
            raise ValueError("two_logit needs a last axis of size 2")
        e = torch.exp(logits)
        return e[..., 1] / (e[..., 0] + e[..., 1])
    if head == "one_logit":
        if logits.shape[-1] != 1:
            raise ValueError("one_logit needs a last axis of size 1")
        return 1 / (1 + torch.exp(-logits[..., 0]))
    raise ValueError(f"unknown head {head!r}")
