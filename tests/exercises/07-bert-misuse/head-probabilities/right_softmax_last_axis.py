# Right: torch.softmax over the last axis, column 1; squeeze the single logit.
import torch


def head_probabilities(logits, head):
    expected = {"two_logit": 2, "one_logit": 1}
    if head not in expected:
        raise ValueError(f"head must be one of {sorted(expected)}, not {head!r}")
    if logits.dim() == 0 or logits.size(-1) != expected[head]:
        raise ValueError(f"last axis must have size {expected[head]}")
    if head == "two_logit":
        return torch.softmax(logits, dim=-1).select(-1, 1)
    return torch.sigmoid(logits.squeeze(-1))
