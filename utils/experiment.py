"""A controlled experiment on binary classifier heads (notebook 08).

Two small tasks, one "text" and one "image", each trained with either

* a **1-logit head** (``nn.Linear(h, 1)`` + ``BCEWithLogitsLoss``: sigmoid), or
* a **2-logit head** (``nn.Linear(h, 2)`` + ``CrossEntropyLoss``: softmax),

on top of the same small body, with the same data, the same initial body weights
and the same mini-batches, under plain SGD or AdamW.

The text task is *synthetic*: no labelled text data set ships inside the course's
packages and nothing may be downloaded, so :func:`make_negation_reviews` writes
short "reviews" from a 29-word vocabulary. The image task is scikit-learn's 8x8
digits (shipped with the package), relabelled "digit < 5".

:func:`train_grid` trains many small models *at once*: every parameter carries a
leading "model" axis and one batched forward and backward pass serves them all,
so a learning-rate grid x seeds x heads costs seconds on a CPU. Each model in the
grid is trained exactly as if alone (the losses are summed, so no gradient mixes
models); ``tests/test_utils_experiment.py`` checks it against ``torch.nn`` modules,
torch's losses and ``torch.optim.SGD`` / ``torch.optim.AdamW``, one model at a time.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np
import torch
from torch import nn

# The tasks and their data live in utils.experiment_data; notebooks import them from here too.
from .experiment_data import (FILLERS, N_TRAIN, N_VAL, NEGATIVE, NEGATOR, POSITIVE, TASKS, VOCAB,  # noqa: F401
                              Split, Task, decode, digits_below_five, load_task, make_negation_reviews,
                              split, stack_splits)

Head = Literal["sigmoid", "softmax"]
HEADS: tuple[str, ...] = ("sigmoid", "softmax")
OPTIMIZERS: tuple[str, ...] = ("sgd", "adamw")
HIDDEN, EMBED = 16, 16


def make_body(task: str, seed: int, hidden: int = HIDDEN) -> nn.Module:
    """The shared feature extractor, initialised from ``torch.manual_seed(seed)``.

    text: mean of 16-d word embeddings -> Linear(16, hidden) -> ReLU.
    image: Linear(64, hidden) -> ReLU. PyTorch's default initialisation.
    The global torch random state is left as it was.
    """
    if task not in TASKS:
        raise ValueError(f"task must be 'text' or 'image', not {task!r}")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        if task == "text":
            return nn.Sequential(nn.EmbeddingBag(len(VOCAB), EMBED, mode="mean"),
                                 nn.Linear(EMBED, hidden), nn.ReLU())
        return nn.Sequential(nn.Linear(64, hidden), nn.ReLU())


def make_head(n_logits: int, seed: int, hidden: int = HIDDEN) -> nn.Linear:
    """``nn.Linear(hidden, n_logits)`` with PyTorch's default initialisation from
    ``torch.manual_seed(seed)`` (the global torch random state is left as it was)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return nn.Linear(hidden, n_logits)


def tie_two_logit_head(head: nn.Linear) -> nn.Linear:
    """The 2-logit head that starts as the same function as a 1-logit ``head``.

    Row 1 (class 1) gets ``w / 2``, row 0 gets ``-w / 2`` (biases likewise), so
    that ``z1 - z0 = w.h + b``. Trained with half the learning rate on this head
    under plain SGD, it follows the 1-logit head's trajectory (notebook 06); the
    body keeps the full learning rate, because the gradient reaching the body is
    the same for both heads.
    """
    if head.out_features != 1:
        raise ValueError("tie_two_logit_head expects a 1-logit head")
    two = nn.Linear(head.in_features, 2).to(head.weight.device)
    with torch.no_grad():
        w, b = head.weight[0], head.bias[0]
        two.weight.copy_(torch.stack([-w / 2, w / 2]))
        two.bias.copy_(torch.stack([-b / 2, b / 2]))
    return two


def class1_logit(z: torch.Tensor) -> torch.Tensor:
    """The log-odds of class 1: ``z[:, 0]`` for a 1-logit head, ``z1 - z0`` for a 2-logit one."""
    return z[:, 0] if z.shape[1] == 1 else z[:, 1] - z[:, 0]


# --------------------------------------------------------------------------- many models at once
@dataclass(frozen=True)
class Arm:
    """One model of a grid.

    Attributes:
        seed: the data, body initialisation and batch order come from this seed
            (the head from ``seed + 1000``), so arms with one seed are paired.
        head: ``"sigmoid"`` (1 logit) or ``"softmax"`` (2 logits).
        lr: learning rate of the body (and of the head, times ``head_lr_scale``).
        tied: softmax only: start from :func:`tie_two_logit_head` of the sigmoid
            arm's initial head instead of PyTorch's default initialisation.
        head_lr_scale: the head's learning rate is ``lr * head_lr_scale``.
    """

    seed: int
    head: str
    lr: float
    tied: bool = False
    head_lr_scale: float = 1.0

    def __post_init__(self) -> None:
        if self.head not in HEADS:
            raise ValueError(f"head must be one of {HEADS}, not {self.head!r}")
        if self.tied and self.head != "softmax":
            raise ValueError("only a softmax head can be tied to the sigmoid head")
        if not (self.lr > 0 and self.head_lr_scale > 0):
            raise ValueError("learning rates must be positive")


def _initial_parameters(task: str, arm: Arm) -> dict[str, torch.Tensor]:
    """One arm's initial parameters; a sigmoid head is stored as a 2-row head with row 0 zero."""
    body = make_body(task, arm.seed)
    linear = body[-2]
    one = make_head(1, arm.seed + 1000)
    if arm.head == "sigmoid":
        w2 = torch.cat([torch.zeros_like(one.weight), one.weight.detach()])
        b2 = torch.cat([torch.zeros_like(one.bias), one.bias.detach()])
    else:
        two = tie_two_logit_head(one) if arm.tied else make_head(2, arm.seed + 1000)
        w2, b2 = two.weight.detach(), two.bias.detach()
    p = {"w1": linear.weight.detach(), "b1": linear.bias.detach(), "w2": w2, "b2": b2}
    if task == "text":
        p["emb"] = body[0].weight.detach()
    return p


class _Grid:
    """The parameters of M models, each tensor with a leading model axis."""

    def __init__(self, task: str, arms: Sequence[Arm], device: torch.device | str):
        self.task = task
        per_arm = [_initial_parameters(task, a) for a in arms]
        self.params = {k: torch.stack([p[k] for p in per_arm]).to(device).requires_grad_(True)
                       for k in per_arm[0]}
        # 0 for a sigmoid head: its row 0 never enters the log-odds, so it gets no gradient.
        self.mask = torch.tensor([float(a.head == "softmax") for a in arms], device=device)
        self.rows = torch.arange(len(arms), device=device)

    def logodds(self, x: torch.Tensor, rows: torch.Tensor | None = None) -> torch.Tensor:
        """Log-odds of class 1, shape (m, B), for inputs x of shape (m, B, ...)."""
        p = self.params if rows is None else {k: v[rows] for k, v in self.params.items()}
        mask = self.mask if rows is None else self.mask[rows]
        if self.task == "text":
            m = torch.arange(x.shape[0], device=x.device)[:, None, None]
            x = p["emb"][m, x].mean(dim=2)
        h = torch.relu(torch.baddbmm(p["b1"][:, None, :], x, p["w1"].transpose(1, 2)))
        z = torch.baddbmm(p["b2"][:, None, :], h, p["w2"].transpose(1, 2))
        # 2 logits: CrossEntropyLoss(z, y) == BCEWithLogits(z1 - z0, y) exactly (notebook 06).
        return z[..., 1] - mask[:, None] * z[..., 0]


def train_grid(
    task: str,
    data: Split,
    seeds: Sequence[int],
    arms: Sequence[Arm],
    optimizer: str = "sgd",
    epochs: int = 10,
    batch_size: int = 50,
    weight_decay: float = 0.01,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    eval_chunk: int = 128,
) -> dict[str, np.ndarray]:
    """Train every arm for ``epochs`` passes over its seed's training set; evaluate.

    Args:
        task: ``"text"`` or ``"image"``.
        data: :func:`stack_splits` of ``load_task(task, s)`` for ``s`` in ``seeds``.
        seeds: the seeds whose data ``data`` holds, in its order.
        arms: the models to train; each ``arm.seed`` must be in ``seeds``.
        optimizer: ``"sgd"`` (plain: no momentum, no weight decay) or ``"adamw"``
            (``torch.optim.AdamW``'s update with ``betas``, ``eps``, ``weight_decay``).
        epochs, batch_size: mini-batches of one seed come from
            ``torch.Generator().manual_seed(seed)``; every arm of that seed sees them.

    Returns:
        NumPy arrays of shape ``(len(arms),)``: ``val_loss``, ``val_acc``,
        ``test_loss``, ``test_acc`` (log-loss in nats of P(class 1), accuracy of
        ``log-odds > 0``); ``nan`` log-loss where a model's weights overflowed.
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}, not {optimizer!r}")
    seeds = list(seeds)
    if not arms:
        raise ValueError("no arms to train")
    missing = {a.seed for a in arms} - set(seeds)
    if missing:
        raise ValueError(f"arms use seeds {sorted(missing)} that are not in `seeds`")
    device = data.y_train.device
    grid = _Grid(task, arms, device)
    which = torch.tensor([seeds.index(a.seed) for a in arms], device=device)  # arm -> data row
    lr = torch.tensor([a.lr for a in arms], device=device)
    head_lr = torch.tensor([a.lr * a.head_lr_scale for a in arms], device=device)
    lrs = {k: (head_lr if k in ("w2", "b2") else lr) for k in grid.params}
    state = {k: (torch.zeros_like(v), torch.zeros_like(v)) for k, v in grid.params.items()}
    gens = [torch.Generator().manual_seed(s) for s in seeds]
    n = data.y_train.shape[1]
    seed_rows = torch.arange(len(seeds), device=device)[:, None]
    step = 0
    for _ in range(epochs):
        order = torch.stack([torch.randperm(n, generator=g) for g in gens]).to(device)
        for start in range(0, n, batch_size):
            idx = order[:, start:start + batch_size]
            xb, yb = data.x_train[seed_rows, idx][which], data.y_train[seed_rows, idx][which]
            d = grid.logodds(xb)
            loss = nn.functional.binary_cross_entropy_with_logits(
                d, yb.to(d.dtype), reduction="none").mean(dim=1).sum()
            for v in grid.params.values():
                v.grad = None
            loss.backward()
            step += 1
            with torch.no_grad():
                for k, p in grid.params.items():
                    g = p.grad
                    r = lrs[k].view(-1, *([1] * (p.dim() - 1)))
                    if optimizer == "sgd":
                        p.sub_(r * g)
                        continue
                    m, v = state[k]
                    p.mul_(1 - r * weight_decay)
                    m.lerp_(g, 1 - betas[0])
                    v.mul_(betas[1]).addcmul_(g, g, value=1 - betas[1])
                    denom = (v.sqrt() / (1 - betas[1] ** step) ** 0.5).add_(eps)
                    p.sub_(r / (1 - betas[0] ** step) * m / denom)

    out: dict[str, list[torch.Tensor]] = {k: [] for k in ("val_loss", "val_acc", "test_loss", "test_acc")}
    with torch.no_grad():
        for lo in range(0, len(arms), eval_chunk):
            rows = grid.rows[lo:lo + eval_chunk]
            for part, x, y in (("val", data.x_val, data.y_val), ("test", data.x_test, data.y_test)):
                xs, ys = x[which[rows]], y[which[rows]].to(torch.float32)
                d = grid.logodds(xs, rows)
                nll = nn.functional.binary_cross_entropy_with_logits(d, ys, reduction="none").mean(dim=1)
                out[f"{part}_loss"].append(nll)
                out[f"{part}_acc"].append(((d > 0).float() == ys).float().mean(dim=1))
    return {k: torch.cat(v).cpu().numpy().astype(np.float64) for k, v in out.items()}
