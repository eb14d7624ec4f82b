"""Calibration measurements for notebook 02: reliability bins, the expected calibration
error (ECE) and the reliability diagram.

A classifier is *calibrated* when, among the examples it gives a confidence of about
``c``, a share of about ``c`` is right. These helpers take probabilities the notebook has
already computed; fitting a temperature is the notebook's exercise and is not here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


@dataclass(frozen=True)
class ReliabilityBins:
    """Equal-width confidence bins over [0, 1]; empty bins hold ``nan`` confidence and accuracy."""

    edges: np.ndarray        # n_bins + 1 edges, 0 to 1
    confidence: np.ndarray   # mean confidence of the examples in each bin
    accuracy: np.ndarray     # share of them that the classifier got right
    count: np.ndarray        # how many examples fell in each bin

    @property
    def ece(self) -> float:
        """Expected calibration error: sum over bins of (share of examples) * |accuracy - confidence|."""
        used = self.count > 0
        weights = self.count[used] / self.count.sum()
        return float(np.sum(weights * np.abs(self.accuracy[used] - self.confidence[used])))


def reliability_bins(probs: np.ndarray, labels: np.ndarray, n_bins: int = 10) -> ReliabilityBins:
    """Bin the examples by the confidence of their prediction (the largest probability).

    ``probs`` is ``(N, K)`` with rows that sum to 1, ``labels`` ``(N,)`` integers. The
    prediction is the argmax of each row; bin ``b`` holds confidences in
    ``(edges[b], edges[b + 1]]`` (the first bin also holds 0).
    """
    p = np.asarray(probs, dtype=np.float64)
    y = np.asarray(labels)
    if p.ndim != 2 or y.shape != (p.shape[0],) or p.shape[0] == 0:
        raise ValueError(f"probs must be (N, K) and labels (N,) with N >= 1, got {p.shape} and {y.shape}")
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    conf = p.max(axis=1)
    right = (p.argmax(axis=1) == y).astype(np.float64)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, n_bins - 1)
    count = np.bincount(which, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        confidence = np.bincount(which, weights=conf, minlength=n_bins) / count
        accuracy = np.bincount(which, weights=right, minlength=n_bins) / count
    return ReliabilityBins(edges, confidence, accuracy, count)


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, n_bins: int = 10) -> float:
    """ECE with ``n_bins`` equal-width bins (Guo et al., 2017): see :class:`ReliabilityBins`."""
    return reliability_bins(probs, labels, n_bins).ece


def plot_reliability(bins: ReliabilityBins, ax: "Axes | None" = None, title: str = "reliability diagram",
                     color: str | None = None) -> "Axes":
    """Accuracy per confidence bin as bars (the number of examples written on each), the diagonal of
    perfect calibration, and the ECE in the title.

    Bars below the diagonal: over-confident (right less often than claimed); above: under-confident.
    """
    import matplotlib.pyplot as plt

    from .plotting import PALETTE

    if ax is None:
        _, ax = plt.subplots(figsize=(4.2, 4.0))
    width = np.diff(bins.edges)
    used = bins.count > 0
    ax.bar(bins.edges[:-1][used], bins.accuracy[used], width=width[used], align="edge",
           color=color or PALETTE["blue"], edgecolor="white", alpha=0.85, label="accuracy in the bin")
    ax.plot(bins.confidence[used], bins.confidence[used], "o", ms=4, color="black",
            label="mean confidence in the bin")
    ax.plot([0, 1], [0, 1], ls="--", color="gray", lw=1, label="perfect calibration")
    for left, w, acc, n in zip(bins.edges[:-1][used], width[used], bins.accuracy[used], bins.count[used]):
        ax.text(left + w / 2, min(float(acc), 0.93) + 0.015, str(int(n)), ha="center", va="bottom", fontsize=7)
    ax.set(xlim=(0, 1), ylim=(0, 1), xlabel="confidence (largest probability)", ylabel="accuracy",
           title=f"{title}\nECE = {bins.ece:.4f}")
    ax.set_aspect("equal")
    return ax
