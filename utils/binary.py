"""Helpers for notebook 06 (binary equivalence): data, tied heads, and a side-by-side
training loop for a 1-logit sigmoid head and a 2-logit softmax head.

Nothing here converts a 2-logit head into a 1-logit head, rescales hyper-parameters
or computes loss gradients: those are the notebook's exercises.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import torch


def load_breast_cancer_standardised(
    device: "torch.device | str" = "cpu", dtype: "torch.dtype | None" = None
) -> tuple["torch.Tensor", "torch.Tensor"]:
    """scikit-learn's breast-cancer data (569 x 30), each feature standardised.

    Returns ``(X, y)``: ``X`` of shape (569, 30) in ``dtype`` (default float32) and
    ``y`` of shape (569,) as int64 labels (1 = benign, 0 = malignant), both on ``device``.
    """
    import torch
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    x = data.data
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    dtype = torch.float32 if dtype is None else dtype
    X = torch.as_tensor(x, dtype=dtype, device=device)
    y = torch.as_tensor(data.target, dtype=torch.int64, device=device)
    return X, y


def tied_two_logit_head(one: "torch.nn.Linear") -> "torch.nn.Linear":
    """A 2-output ``nn.Linear`` that computes the same function as the 1-output ``one``.

    Row 1 gets ``w / 2`` and row 0 gets ``-w / 2`` (the same for the bias), so that
    ``z1 - z0 = w @ x + b``: the split that keeps ``w1 + w0 = 0``.
    """
    import torch

    if one.out_features != 1:
        raise ValueError(f"expected a 1-output head, got out_features={one.out_features}")
    w, b = one.weight.detach(), one.bias.detach()
    two = torch.nn.Linear(one.in_features, 2, dtype=w.dtype, device=w.device)
    with torch.no_grad():
        two.weight.copy_(torch.cat([-w / 2, w / 2], dim=0))
        two.bias.copy_(torch.cat([-b / 2, b / 2], dim=0))
    return two


@dataclass
class HeadRun:
    """Per-step record of a side-by-side run (one entry per optimiser step, plus the start)."""

    gap: np.ndarray     # max over the data of |z - (z1 - z0)|
    loss1: np.ndarray   # BCE-with-logits of the 1-logit head
    loss2: np.ndarray   # cross-entropy of the 2-logit head


def train_side_by_side(
    X: "torch.Tensor",
    y: "torch.Tensor",
    one: "torch.nn.Linear",
    two: "torch.nn.Linear",
    steps: int,
    lr1: float,
    lr2: float,
    weight_decay1: float = 0.0,
    weight_decay2: float = 0.0,
    max_norm1: float | None = None,
    max_norm2: float | None = None,
    optimizer: str = "sgd",
) -> HeadRun:
    """Train ``one`` (1 output, ``BCEWithLogitsLoss``) and ``two`` (2 outputs,
    ``CrossEntropyLoss``) on the full batch ``(X, y)`` for ``steps`` steps, in place.

    Each head has its own learning rate, weight decay and gradient-clipping norm
    (``None``: no clipping). ``optimizer`` is ``"sgd"`` (plain, no momentum) or ``"adam"``.
    Returns the logit gap and both losses before every step and after the last one.
    """
    import torch

    if optimizer not in ("sgd", "adam"):
        raise ValueError(f"optimizer must be 'sgd' or 'adam', not {optimizer!r}")
    opt_cls = torch.optim.SGD if optimizer == "sgd" else torch.optim.Adam
    opt1 = opt_cls(one.parameters(), lr=lr1, weight_decay=weight_decay1)
    opt2 = opt_cls(two.parameters(), lr=lr2, weight_decay=weight_decay2)
    bce, ce = torch.nn.BCEWithLogitsLoss(), torch.nn.CrossEntropyLoss()
    yf = y.to(X.dtype)
    gaps, l1s, l2s = [], [], []
    for step in range(steps + 1):
        z = one(X).squeeze(1)
        z2 = two(X)
        loss1, loss2 = bce(z, yf), ce(z2, y)
        gaps.append((z - (z2[:, 1] - z2[:, 0])).abs().max().item())
        l1s.append(loss1.item())
        l2s.append(loss2.item())
        if step == steps:
            break
        for opt, loss, head, max_norm in ((opt1, loss1, one, max_norm1), (opt2, loss2, two, max_norm2)):
            opt.zero_grad()
            loss.backward()
            if max_norm is not None:
                torch.nn.utils.clip_grad_norm_(head.parameters(), max_norm)
            opt.step()
    return HeadRun(np.array(gaps), np.array(l1s), np.array(l2s))
