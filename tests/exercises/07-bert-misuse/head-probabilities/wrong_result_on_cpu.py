# family 2 (device lost): moves the probabilities to the CPU with .cpu() before returning them (handy for
# printing), so logits computed on a GPU give a result on another device.
import torch


def head_probabilities(logits, head):
    if head not in ("two_logit", "one_logit"):
        raise ValueError(f"unknown head {head!r}")
    size = 2 if head == "two_logit" else 1
    if logits.ndim == 0 or logits.shape[-1] != size:
        raise ValueError(f"{head} needs a last axis of size {size}")
    z = logits[..., 1] - logits[..., 0] if head == "two_logit" else logits[..., 0]
    return torch.sigmoid(z).cpu()
