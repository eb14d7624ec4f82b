"""Unit tests of utils.experiment (notebook 08)."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from utils.experiment import (NEGATIVE, NEGATOR, POSITIVE, VOCAB, Arm, class1_logit, decode,
                              digits_below_five, load_task, make_body, make_head, make_negation_reviews,
                              split, stack_splits, tie_two_logit_head, train_grid)


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
    a, b = split(x, y, 10, 4, seed=5), split(x, y, 10, 4, seed=5)
    assert torch.equal(a.y_train, b.y_train) and len(a.y_val) == 4 and len(a.y_test) == 6
    parts = [set(p.tolist()) for p in (a.y_train, a.y_val, a.y_test)]
    assert set().union(*parts) == set(range(20)) and sum(map(len, parts)) == 20
    for bad in ((20, 1), (0, 4), (10, 0), (10, 10)):
        with pytest.raises(ValueError):
            split(x, y, *bad, seed=0)


@pytest.mark.parametrize("task", ["text", "image"])
def test_load_task(task):
    data = load_task(task, seed=0)
    assert len(data.y_train) == 600 and len(data.y_val) == 400 and data.y_train.dtype == torch.int64
    assert len(data.y_test) == (1000 if task == "text" else 797)
    with pytest.raises(ValueError):
        load_task("audio", seed=0)


def test_stack_splits_adds_a_seed_axis():
    s = stack_splits([load_task("image", 0), load_task("image", 1)])
    assert s.x_train.shape == (2, 600, 64) and s.y_test.shape == (2, 797)


def test_tied_head_is_the_same_function():
    one = make_head(1, seed=0)
    two = tie_two_logit_head(one)
    h = torch.randn(7, 16, generator=torch.Generator().manual_seed(0))
    assert torch.allclose(class1_logit(two(h)), class1_logit(one(h)), atol=1e-6)
    assert torch.allclose(two.weight.sum(0), torch.zeros(16)), "rows sum to zero"
    with pytest.raises(ValueError):
        tie_two_logit_head(two)


def test_builders_are_seeded_and_leave_the_global_generator_alone():
    torch.manual_seed(123)
    state = torch.get_rng_state()
    a, b = make_body("image", seed=2), make_body("image", seed=2)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert torch.equal(make_head(2, 5).weight, make_head(2, 5).weight)
    assert torch.equal(torch.get_rng_state(), state)
    with pytest.raises(ValueError):
        make_body("audio", seed=0)


@pytest.mark.parametrize("kwargs", [dict(head="tanh"), dict(head="sigmoid", tied=True), dict(lr=0.0),
                                    dict(head_lr_scale=-1.0)])
def test_arm_rejects_bad_settings(kwargs):
    with pytest.raises(ValueError):
        Arm(**(dict(seed=0, head="softmax", lr=0.1) | kwargs))


# --------------------------------------------------------------------------- the batched trainer
def reference_run(task, data, arm, optimizer, epochs, batch_size=50):
    """One model trained alone with torch.nn layers, torch's own losses and torch.optim."""
    body = make_body(task, arm.seed)
    one = make_head(1, arm.seed + 1000)
    if arm.head == "sigmoid":
        head, loss_fn = one, lambda z, y: nn.functional.binary_cross_entropy_with_logits(z[:, 0], y.float())
    else:
        head = tie_two_logit_head(one) if arm.tied else make_head(2, arm.seed + 1000)
        loss_fn = nn.functional.cross_entropy
    model = nn.Sequential(body, head)  # the text body's EmbeddingBag averages each row of token ids
    groups = [{"params": body.parameters(), "lr": arm.lr},
              {"params": head.parameters(), "lr": arm.lr * arm.head_lr_scale}]
    opt = torch.optim.SGD(groups) if optimizer == "sgd" else torch.optim.AdamW(groups, weight_decay=0.01)
    gen = torch.Generator().manual_seed(arm.seed)
    n = len(data.y_train)
    for _ in range(epochs):
        order = torch.randperm(n, generator=gen)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            opt.zero_grad()
            loss_fn(model(data.x_train[idx]), data.y_train[idx]).backward()
            opt.step()
    with torch.no_grad():
        d = class1_logit(model(data.x_test))
        nll = nn.functional.binary_cross_entropy_with_logits(d, data.y_test.float()).item()
        acc = ((d > 0).long() == data.y_test).float().mean().item()
    return nll, acc


@pytest.mark.parametrize("task", ["text", "image"])
@pytest.mark.parametrize("optimizer", ["sgd", "adamw"])
def test_train_grid_matches_torch_one_model_at_a_time(task, optimizer):
    seeds = [3, 4]
    splits = [load_task(task, s) for s in seeds]
    lr = 0.5 if optimizer == "sgd" else 0.01
    arms = [Arm(4, "sigmoid", lr), Arm(3, "softmax", lr), Arm(4, "softmax", lr / 2, tied=True, head_lr_scale=0.5)]
    out = train_grid(task, stack_splits(splits), seeds, arms, optimizer=optimizer, epochs=2)
    assert set(out) == {"val_loss", "val_acc", "test_loss", "test_acc"}
    assert all(v.shape == (3,) and v.dtype == np.float64 for v in out.values())
    for k, arm in enumerate(arms):
        nll, acc = reference_run(task, splits[seeds.index(arm.seed)], arm, optimizer, epochs=2)
        assert abs(out["test_loss"][k] - nll) < 1e-4, (arm, out["test_loss"][k], nll)
        assert abs(out["test_acc"][k] - acc) < 2e-3, (arm, out["test_acc"][k], acc)


@pytest.mark.parametrize("task", ["text", "image"])
def test_equalised_softmax_follows_the_sigmoid_and_the_default_does_not(task):
    data = stack_splits([load_task(task, 1)])
    arms = [Arm(1, "sigmoid", 0.5), Arm(1, "softmax", 0.5, tied=True, head_lr_scale=0.5), Arm(1, "softmax", 0.5)]
    out = train_grid(task, data, [1], arms, epochs=2)
    assert abs(out["val_loss"][0] - out["val_loss"][1]) < 1e-6
    assert abs(out["val_loss"][0] - out["val_loss"][2]) > 1e-3


def test_train_grid_rejects_bad_input():
    data = stack_splits([load_task("image", 0)])
    with pytest.raises(ValueError):
        train_grid("image", data, [0], [Arm(0, "sigmoid", 0.1)], optimizer="adam")
    with pytest.raises(ValueError):
        train_grid("image", data, [0], [Arm(7, "sigmoid", 0.1)])
    with pytest.raises(ValueError):
        train_grid("image", data, [0], [])
