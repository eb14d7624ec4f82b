"""Unit tests of utils.experiment (notebook 07)."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from utils.experiment import (NEGATIVE, NEGATOR, POSITIVE, SETTINGS, VOCAB, class1_logit, decode,
                              digits_below_five, load_task, loss_fn, make_body, make_head,
                              make_negation_reviews, run_seed, split, tie_two_logit_head, train)


def clean_label(row: np.ndarray) -> int:
    words = [VOCAB[t] for t in row]
    (i,) = [k for k, w in enumerate(words) if w in POSITIVE + NEGATIVE]
    negated = i > 0 and words[i - 1] == NEGATOR
    return int((words[i] in POSITIVE) != negated)


def test_reviews_shapes_dtypes_and_seeding():
    x, y = make_negation_reviews(200, seed=3, length=6)
    assert x.shape == (200, 6) and y.shape == (200,)
    assert x.dtype == np.int64 and y.dtype == np.int64
    assert x.min() >= 0 and x.max() < len(VOCAB) and set(np.unique(y)) <= {0, 1}
    x2, y2 = make_negation_reviews(200, seed=3, length=6)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    x3, _ = make_negation_reviews(200, seed=4, length=6)
    assert not np.array_equal(x, x3)


def test_reviews_without_noise_follow_the_negation_rule():
    x, y = make_negation_reviews(500, seed=0, noise=0.0)
    assert all(clean_label(row) == label for row, label in zip(x, y))
    negated = np.array([NEGATOR in s.split() for s in decode(x)])
    assert 0.4 < negated.mean() < 0.6, "about half of the reviews are negated"
    assert 0.4 < y.mean() < 0.6, "classes are balanced"


def test_reviews_noise_flips_about_that_fraction():
    x, y = make_negation_reviews(4000, seed=1, noise=0.2)
    flipped = np.mean([clean_label(row) != label for row, label in zip(x, y)])
    assert 0.17 < flipped < 0.23


@pytest.mark.parametrize("kwargs", [dict(n=0), dict(length=1), dict(noise=0.5), dict(noise=-0.1)])
def test_reviews_reject_bad_arguments(kwargs):
    args = dict(n=10, seed=0) | kwargs
    with pytest.raises(ValueError):
        make_negation_reviews(**args)


def test_decode_reads_words():
    assert decode(np.array([VOCAB.index("not"), VOCAB.index("good")])) == ["not good"]


def test_digits_task():
    x, y = digits_below_five()
    assert x.shape == (1797, 64) and x.dtype == np.float32 and 0 <= x.min() and x.max() <= 1
    assert y.dtype == np.int64 and 0.45 < y.mean() < 0.55


def test_split_is_seeded_and_disjoint():
    x = np.arange(20, dtype=np.float32)[:, None]
    y = np.arange(20)
    a, b = split(x, y, 12, seed=5), split(x, y, 12, seed=5)
    assert torch.equal(a.y_train, b.y_train) and len(a.y_test) == 8
    assert set(a.y_train.tolist()).isdisjoint(a.y_test.tolist())
    with pytest.raises(ValueError):
        split(x, y, 20, seed=0)


@pytest.mark.parametrize("task", ["text", "image"])
def test_load_task(task):
    data = load_task(task, seed=0)
    assert len(data.y_train) == 600 and data.y_train.dtype == torch.int64
    with pytest.raises(ValueError):
        load_task("audio", seed=0)  # type: ignore[arg-type]


def test_tied_head_is_the_same_function():
    one = make_head(1, seed=0)
    two = tie_two_logit_head(one)
    h = torch.randn(7, 16, generator=torch.Generator().manual_seed(0))
    assert torch.allclose(class1_logit(two(h)), class1_logit(one(h)), atol=1e-6)
    assert torch.allclose(two.weight.sum(0), torch.zeros(16)), "rows sum to zero"
    assert torch.allclose(loss_fn(two(h), torch.ones(7, dtype=torch.long)),
                          loss_fn(one(h), torch.ones(7, dtype=torch.long)), atol=1e-6)
    with pytest.raises(ValueError):
        tie_two_logit_head(two)


def test_same_seed_same_body():
    a, b = make_body("image", seed=2), make_body("image", seed=2)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    with pytest.raises(ValueError):
        make_body("audio", seed=0)  # type: ignore[arg-type]


@pytest.mark.parametrize("task", ["text", "image"])
def test_equalised_head_follows_the_sigmoid(task):
    data = load_task(task, seed=1)
    res = run_seed(task, data, seed=1, lr=0.5, epochs=2)
    assert set(res) == set(SETTINGS)
    (acc1, nll1), (acc2, nll2) = res["sigmoid"], res["softmax equalised"]
    assert acc1 == acc2 and abs(nll1 - nll2) < 1e-5


def test_same_learning_rate_breaks_the_equivalence():
    data = load_task("image", seed=0)
    one = make_head(1, seed=9)
    m1 = train(make_body("image", 0), one, data, lr=0.3, epochs=2)
    m2 = train(make_body("image", 0), tie_two_logit_head(make_head(1, seed=9)), data, lr=0.3, epochs=2)
    gap = (class1_logit(m1(data.x_test)) - class1_logit(m2(data.x_test))).abs().max().item()
    assert gap > 1e-3


def test_unknown_setting():
    with pytest.raises(ValueError):
        run_seed("image", load_task("image", 0), 0, 0.1, settings=("tanh",), epochs=1)
