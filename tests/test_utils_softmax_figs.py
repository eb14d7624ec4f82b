"""Unit tests of utils.softmax_figs (the figures of notebook 02)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from utils.softmax_figs import plot_confusion, plot_softmax_steps  # noqa: E402


def test_softmax_steps_draws_three_panels_with_the_given_numbers():
    z = np.array([3.0, 1.0, -3.0])
    e = np.exp(z)
    fig = plot_softmax_steps(z, e, e / e.sum(), names=["a", "b", "c"])
    try:
        assert len(fig.axes) == 3
        texts = [t.get_text() for t in fig.axes[2].texts]
        assert texts == ["0.8789", "0.1189", "0.0022"]
        assert "22.85" in fig.axes[1].get_title()
        assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["a", "b", "c"]
    finally:
        plt.close(fig)


def test_softmax_steps_rejects_mismatched_lengths():
    with pytest.raises(ValueError):
        plot_softmax_steps([1.0, 2.0], [1.0], [1.0])


def test_confusion_writes_nonzero_counts():
    cm = np.array([[5, 0], [1, 4]])
    ax = plot_confusion(cm, ["x", "y"])
    try:
        assert sorted(t.get_text() for t in ax.texts) == ["1", "4", "5"]
        assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"
    finally:
        plt.close(ax.figure)


def test_confusion_rejects_non_square():
    with pytest.raises(ValueError):
        plot_confusion(np.zeros((2, 3)), ["a", "b"])


def test_softmax_bars_label_every_bar_and_logit():
    from utils.softmax_figs import plot_softmax_bars

    z = np.array([3.0, 1.0, -3.0])
    p = np.exp(z) / np.exp(z).sum()
    ax = plot_softmax_bars(z, p)
    try:
        assert [t.get_text() for t in ax.texts] == ["0.879", "0.119", "0.002"]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["$z_0$ = 3", "$z_1$ = 1", "$z_2$ = -3"]
        assert len(ax.patches) == 3
    finally:
        plt.close(ax.figure)
    with pytest.raises(ValueError):
        plot_softmax_bars([1.0, 2.0], [1.0])
