# Right: exp of log-softmax for two logits, torch.special.expit for one.
import torch
import torch.nn.functional as F


def head_probabilities(logits, head):
    if head == "two_logit" and logits.ndim >= 1 and logits.shape[-1] == 2:
        return F.log_softmax(logits, dim=-1)[..., 1].exp()
    if head == "one_logit" and logits.ndim >= 1 and logits.shape[-1] == 1:
        return torch.special.expit(logits).reshape(logits.shape[:-1])
    raise ValueError(f"cannot read logits of shape {tuple(logits.shape)} as a {head!r} head")
