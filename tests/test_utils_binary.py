"""Unit tests of utils.binary (data, tied heads and the side-by-side training loop of notebook 06)."""
from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from utils.binary import load_breast_cancer_standardised, tied_two_logit_head, train_side_by_side  # noqa: E402


def test_breast_cancer_is_standardised_with_int_labels():
    X, y = load_breast_cancer_standardised(dtype=torch.float64)
    assert X.shape == (569, 30) and X.dtype == torch.float64
    assert y.shape == (569,) and y.dtype == torch.int64 and set(y.tolist()) == {0, 1}
    assert torch.allclose(X.mean(0), torch.zeros(30, dtype=torch.float64), atol=1e-12)
    assert torch.allclose(X.std(0, unbiased=False), torch.ones(30, dtype=torch.float64), atol=1e-12)
    assert load_breast_cancer_standardised()[0].dtype == torch.float32


def test_tied_head_computes_the_same_probabilities():
    torch.manual_seed(0)
    one = torch.nn.Linear(5, 1).double()
    two = tied_two_logit_head(one)
    assert two.weight.dtype == torch.float64 and two.out_features == 2
    torch.testing.assert_close(two.weight[0], -two.weight[1])
    X = torch.randn(10, 5, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        torch.testing.assert_close(torch.sigmoid(one(X)[:, 0]), torch.softmax(two(X), dim=1)[:, 1])
    with pytest.raises(ValueError):
        tied_two_logit_head(torch.nn.Linear(5, 2))


def _heads(d=4, seed=0):
    torch.manual_seed(seed)
    one = torch.nn.Linear(d, 1).double()
    return one, tied_two_logit_head(one)


def _data(n=40, d=4):
    g = np.random.default_rng(3)
    return torch.as_tensor(g.normal(size=(n, d))), torch.as_tensor(g.integers(0, 2, size=n))


def test_equalised_sgd_tracks_and_same_lr_does_not():
    X, y = _data()
    one, two = _heads()
    run = train_side_by_side(X, y, one, two, 30, lr1=0.4, lr2=0.2, weight_decay1=0.1, weight_decay2=0.2)
    assert run.gap.shape == run.loss1.shape == run.loss2.shape == (31,)
    assert run.gap.max() < 1e-12 and np.allclose(run.loss1, run.loss2, atol=1e-12)
    assert run.loss1[-1] < run.loss1[0]
    one, two = _heads()
    run = train_side_by_side(X, y, one, two, 30, lr1=0.4, lr2=0.4)
    assert run.gap.max() > 1e-2


def test_clipping_and_adam():
    X, y = _data()
    one, two = _heads()
    run = train_side_by_side(X, y, one, two, 20, lr1=0.4, lr2=0.2, max_norm1=0.1, max_norm2=math.sqrt(2) * 0.1)
    assert run.gap.max() < 1e-4
    one, two = _heads()
    run = train_side_by_side(X, y, one, two, 20, lr1=0.4, lr2=0.2, max_norm1=0.1, max_norm2=0.1)
    assert run.gap.max() > 1e-3
    one, two = _heads()
    run = train_side_by_side(X, y, one, two, 20, lr1=0.05, lr2=0.025, optimizer="adam")
    assert run.gap.max() < 1e-12
    with pytest.raises(ValueError):
        train_side_by_side(X, y, one, two, 1, lr1=0.1, lr2=0.1, optimizer="rmsprop")
