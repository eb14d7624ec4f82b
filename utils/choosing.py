"""Data and training helpers for notebook 05 (choosing sigmoid or softmax).

The digits of scikit-learn are relabelled as a multi-label task with three labels
per image: *even*, *at least 5* and *prime*. The other helpers build a small MLP
head and train it full-batch, so that the notebook compares heads, not training
loops.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import torch

LABEL_NAMES: tuple[str, ...] = ("even", "at least 5", "prime")
PRIMES: frozenset[int] = frozenset({2, 3, 5, 7})


def digit_label_sets(digits: np.ndarray) -> np.ndarray:
    """Relabel digits 0-9 as three yes/no labels (even, at least 5, prime).

    Args:
        digits: integer array of any shape with values in 0..9.

    Returns:
        A bool array of shape ``digits.shape + (3,)``; column order is ``LABEL_NAMES``.
    """
    d = np.asarray(digits)
    if d.size and (d.min() < 0 or d.max() > 9):
        raise ValueError("digits must lie in 0..9")
    even = d % 2 == 0
    big = d >= 5
    prime = np.isin(d, sorted(PRIMES))
    return np.stack([even, big, prime], axis=-1)


class DigitSplits(NamedTuple):
    """Pixel features scaled to [0, 1] (float32) and the digit of each image."""

    x_train: np.ndarray
    x_val: np.ndarray
    x_test: np.ndarray
    d_train: np.ndarray
    d_val: np.ndarray
    d_test: np.ndarray


def load_digit_splits(seed: int = 0, test_size: float = 0.25, val_size: float = 0.2) -> DigitSplits:
    """scikit-learn's 8x8 digits split into train / validation / test, stratified by digit.

    ``val_size`` is the share of the non-test part kept for validation (choosing
    thresholds); nothing is downloaded.
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    data = load_digits()
    x = (data.data / 16.0).astype(np.float32)
    d = data.target.astype(np.int64)
    x_rest, x_test, d_rest, d_test = train_test_split(
        x, d, test_size=test_size, random_state=seed, stratify=d)
    x_train, x_val, d_train, d_val = train_test_split(
        x_rest, d_rest, test_size=val_size, random_state=seed, stratify=d_rest)
    return DigitSplits(x_train, x_val, x_test, d_train, d_val, d_test)


def make_head(n_in: int, n_out: int, hidden: int = 64, seed: int = 0) -> "torch.nn.Module":
    """A one-hidden-layer MLP that outputs ``n_out`` logits (no activation at the end).

    The output activation is left to the loss (``BCEWithLogitsLoss`` or
    ``CrossEntropyLoss``), which is the numerically stable way.
    """
    import torch
    from torch import nn

    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, n_out))


def train_head(model: "torch.nn.Module", x: "torch.Tensor", target: "torch.Tensor",
               loss_fn: Callable[["torch.Tensor", "torch.Tensor"], "torch.Tensor"],
               steps: int = 300, lr: float = 0.01) -> list[float]:
    """Full-batch Adam on ``loss_fn(model(x), target)``; returns the loss of every step.

    ``model``, ``x`` and ``target`` must already live on the same device. On the
    CPU the loop runs on one thread (restored afterwards): these models are so
    small that more threads only add overhead, and one thread gives the same
    numbers on every run of a machine (another CPU may differ in the last digits).
    """
    import torch

    if steps < 1:
        raise ValueError("steps must be at least 1")
    threads = torch.get_num_threads()
    if x.device.type == "cpu":
        torch.set_num_threads(1)
    try:
        opt = torch.optim.Adam(model.parameters(), lr=lr)
        losses: list[float] = []
        model.train()
        for _ in range(steps):
            opt.zero_grad()
            loss = loss_fn(model(x), target)
            loss.backward()
            opt.step()
            losses.append(float(loss.detach()))
        model.eval()
    finally:
        torch.set_num_threads(threads)
    return losses


def logits_of(model: "torch.nn.Module", x: "torch.Tensor") -> np.ndarray:
    """The model's logits for ``x`` as a float64 NumPy array (no gradients kept)."""
    import torch

    with torch.no_grad():
        return model(x).detach().cpu().double().numpy()
