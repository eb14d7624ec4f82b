"""Unit tests of utils.choosing (the helpers of notebook 05)."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from utils.choosing import (LABEL_NAMES, digit_label_sets, load_digit_splits, logits_of,
                            make_head, train_head)


def test_label_sets_of_every_digit():
    got = digit_label_sets(np.arange(10))
    assert got.shape == (10, 3) and got.dtype == bool
    assert LABEL_NAMES == ("even", "at least 5", "prime")
    expected = {0: (1, 0, 0), 1: (0, 0, 0), 2: (1, 0, 1), 3: (0, 0, 1), 4: (1, 0, 0),
                5: (0, 1, 1), 6: (1, 1, 0), 7: (0, 1, 1), 8: (1, 1, 0), 9: (0, 1, 0)}
    for digit, row in expected.items():
        assert tuple(got[digit].astype(int)) == row, digit


def test_label_sets_keep_shape_and_reject_bad_digits():
    assert digit_label_sets(np.array([[1, 2], [3, 4]])).shape == (2, 2, 3)
    assert digit_label_sets(np.array([], dtype=int)).shape == (0, 3)
    with pytest.raises(ValueError):
        digit_label_sets(np.array([10]))


def test_splits_are_disjoint_and_stratified():
    s = load_digit_splits(0)
    n = len(s.d_train) + len(s.d_val) + len(s.d_test)
    assert n == 1797
    assert s.x_train.dtype == np.float32 and s.x_train.shape[1] == 64
    assert 0.0 <= s.x_train.min() and s.x_train.max() <= 1.0
    assert set(np.unique(s.d_val)) == set(range(10))
    s2 = load_digit_splits(0)
    assert np.array_equal(s.d_test, s2.d_test)


def test_training_lowers_the_loss_and_is_deterministic():
    x = torch.randn(64, 5, generator=torch.Generator().manual_seed(1))
    y = (x[:, 0] > 0).long()
    runs = []
    for _ in range(2):
        model = make_head(5, 2, hidden=8, seed=3)
        losses = train_head(model, x, y, torch.nn.functional.cross_entropy, steps=50, lr=0.05)
        runs.append(losses)
        assert losses[-1] < losses[0]
    assert runs[0] == runs[1]
    out = logits_of(model, x)
    assert out.shape == (64, 2) and out.dtype == np.float64
    with pytest.raises(ValueError):
        train_head(model, x, y, torch.nn.functional.cross_entropy, steps=0)
