"""Unit tests of utils.calibration (reliability bins and ECE for notebook 02)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from utils.calibration import expected_calibration_error, plot_reliability, reliability_bins  # noqa: E402


def test_bins_by_hand():
    probs = np.array([[0.95, 0.05], [0.9, 0.1], [0.3, 0.7], [0.45, 0.55]])
    labels = np.array([0, 1, 1, 1])
    b = reliability_bins(probs, labels, n_bins=2)        # bins (0, 0.5] and (0.5, 1]
    assert b.count.tolist() == [0, 4]
    assert np.isnan(b.accuracy[0]) and np.isnan(b.confidence[0])
    assert b.confidence[1] == pytest.approx((0.95 + 0.9 + 0.7 + 0.55) / 4)
    assert b.accuracy[1] == pytest.approx(3 / 4)
    assert b.ece == pytest.approx(abs(0.75 - 3.1 / 4))
    b10 = reliability_bins(probs, labels, n_bins=10)
    assert b10.count.sum() == 4 and b10.count[9] == 1 and b10.count[8] == 1  # 0.95 -> (0.9, 1], 0.9 -> (0.8, 0.9]


def test_perfectly_calibrated_synthetic_data_has_small_ece():
    rng = np.random.default_rng(0)
    conf = rng.uniform(0.5, 1.0, size=200_000)
    right = rng.uniform(size=conf.size) < conf
    probs = np.stack([conf, 1 - conf], axis=1)
    labels = np.where(right, 0, 1)
    assert expected_calibration_error(probs, labels, n_bins=10) < 0.01
    overconfident = np.stack([np.minimum(conf + 0.2, 1.0), 1 - np.minimum(conf + 0.2, 1.0)], axis=1)
    assert expected_calibration_error(overconfident, labels) > 0.1


def test_bad_inputs_are_rejected():
    with pytest.raises(ValueError):
        reliability_bins(np.ones(3), np.zeros(3))
    with pytest.raises(ValueError):
        reliability_bins(np.ones((2, 2)) / 2, np.zeros(3))
    with pytest.raises(ValueError):
        reliability_bins(np.ones((2, 2)) / 2, np.zeros(2), n_bins=0)


def test_plot_reliability_shows_the_ece():
    probs = np.array([[0.95, 0.05], [0.9, 0.1], [0.3, 0.7]])
    b = reliability_bins(probs, np.array([0, 1, 1]))
    ax = plot_reliability(b, title="test")
    try:
        assert f"ECE = {b.ece:.4f}" in ax.get_title()
        assert len(ax.patches) == int((b.count > 0).sum())
        assert sorted(t.get_text() for t in ax.texts) == sorted(str(n) for n in b.count[b.count > 0])
    finally:
        plt.close(ax.figure)
