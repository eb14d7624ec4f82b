"""Figures for notebook 02 (softmax).

Every function here only *draws* numbers the notebook has already computed; none of
them computes a softmax, a log-softmax or a loss, so the exercises' answers stay in
the notebook.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .plotting import PALETTE

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def _bars(ax: "Axes", values: np.ndarray, names: Sequence[str], color: str, fmt: str) -> None:
    """Bar chart of ``values`` with each value written above (or below) its bar."""
    x = np.arange(len(values))
    ax.bar(x, values, color=color, width=0.6)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(x, list(names))
    ax.grid(axis="x", visible=False)
    span = float(np.max(values) - min(0.0, float(np.min(values)))) or 1.0
    for xi, v in zip(x, values):
        offset = 0.03 * span if v >= 0 else -0.03 * span
        ax.text(xi, v + offset, format(v, fmt), ha="center", va="bottom" if v >= 0 else "top", fontsize=9)
    lo = min(0.0, float(np.min(values))) - (0.15 * span if np.min(values) < 0 else 0.0)
    ax.set_ylim(lo, float(np.max(values)) + 0.18 * span)


def plot_softmax_steps(
    logits: Sequence[float],
    exps: Sequence[float],
    probs: Sequence[float],
    names: Sequence[str] | None = None,
) -> "Figure":
    """The three stages of a softmax side by side: logits, exponentials, probabilities.

    ``exps`` and ``probs`` are passed in (computed by the caller), so the figure shows
    exactly the numbers the notebook printed. Returns the figure (three axes).
    """
    import matplotlib.pyplot as plt

    z, e, p = (np.asarray(a, dtype=float) for a in (logits, exps, probs))
    if not z.shape == e.shape == p.shape or z.ndim != 1:
        raise ValueError(f"logits, exps and probs must be 1-D of one length, got {z.shape}, {e.shape}, {p.shape}")
    names = list(names) if names is not None else [f"class {i}" for i in range(len(z))]
    fig, axes = plt.subplots(1, 3, figsize=(9.5, 3.4))
    _bars(axes[0], z, names, PALETTE["sky"], ".0f")
    axes[0].set_title("1. logits $z_i$")
    axes[0].set_ylabel("value (no unit)")
    _bars(axes[1], e, names, PALETTE["orange"], ".2f")
    axes[1].set_title(f"2. exponentiate: $e^{{z_i}}$  (sum = {e.sum():.2f})")
    _bars(axes[2], p, names, PALETTE["green"], ".4f")
    axes[2].set_title("3. divide by the sum: $p_i$")
    axes[2].set_ylim(0, 1.15)
    for left, right in ((0.345, 0.385), (0.66, 0.70)):
        fig.patches.append(plt.matplotlib.patches.FancyArrowPatch(
            (left, 0.5), (right, 0.5), transform=fig.transFigure, arrowstyle="-|>",
            mutation_scale=18, color="grey"))
    fig.suptitle("softmax in three steps: the outputs are positive and sum to 1", y=1.0)
    fig.tight_layout(w_pad=3.0)
    return fig


def plot_confusion(
    cm: np.ndarray,
    class_names: Sequence[str],
    ax: "Axes | None" = None,
    title: str = "confusion matrix",
) -> "Axes":
    """A confusion matrix as a heat map with the count written in every cell.

    Rows are true classes, columns predicted classes (scikit-learn's convention).
    """
    import matplotlib.pyplot as plt

    cm = np.asarray(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] != len(class_names):
        raise ValueError(f"cm must be square with one row per class name, got {cm.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.6, 4.2))
    ax.imshow(cm, cmap="Blues")
    ax.grid(False)
    k = len(class_names)
    ax.set_xticks(range(k), list(class_names))
    ax.set_yticks(range(k), list(class_names))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title(title)
    threshold = cm.max() / 2 if cm.size else 0
    for i in range(k):
        for j in range(k):
            if cm[i, j]:
                ax.text(j, i, str(int(cm[i, j])), ha="center", va="center", fontsize=8,
                        color="white" if cm[i, j] > threshold else "black")
    return ax


def plot_softmax_bars(
    logits: Sequence[float],
    probs: Sequence[float],
    ax: "Axes | None" = None,
    title: str | None = None,
) -> "Axes":
    """Probabilities as bars, each labelled with its value, the logits written under the bars.

    One panel of the logit explorer of notebook 02 (the static figure and the slider use it).
    """
    import matplotlib.pyplot as plt

    z, p = np.asarray(logits, dtype=float), np.asarray(probs, dtype=float)
    if z.shape != p.shape or z.ndim != 1:
        raise ValueError(f"logits and probs must be 1-D of one length, got {z.shape} and {p.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(3.2, 3.0))
    x = np.arange(len(z))
    colors = [PALETTE["blue"], PALETTE["orange"], PALETTE["green"], PALETTE["purple"], PALETTE["sky"]]
    ax.bar(x, p, color=[colors[i % len(colors)] for i in x], width=0.6)
    for xi, v in zip(x, p):
        ax.text(xi, v + 0.02, f"{v:.3f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [f"$z_{i}$ = {v:g}" for i, v in enumerate(z)])
    ax.grid(axis="x", visible=False)
    ax.set_ylim(0, 1.12)
    ax.set_ylabel("softmax probability")
    ax.set_title(title if title is not None else f"logits {tuple(float(v) for v in z)}", fontsize=9)
    return ax
