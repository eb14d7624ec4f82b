"""Unit tests of utils.sigmoid (the measurements behind notebook 01)."""
from __future__ import annotations

import numpy as np
import pytest

from utils.sigmoid import (ACTIVATIONS, deep_stack, layer_grad_norms, best_seconds, median_seconds, sgd_path,
                           steps_to_reach)


def test_deep_stack_shape_and_same_weights_for_every_activation():
    import torch

    nets = {a: deep_stack(a, depth=3, width=5, seed=1) for a in ACTIVATIONS}
    assert len(nets["relu"]) == 6
    # same random draw, scaled by each activation's gain (1 for sigmoid, 5/3 for tanh)
    torch.testing.assert_close(nets["tanh"][0].weight, nets["sigmoid"][0].weight * 5 / 3)
    assert torch.all(nets["relu"][0].bias == 0)
    default = deep_stack("relu", depth=1, width=5, seed=1, init="default")
    assert not torch.all(default[0].bias == 0)


def test_deep_stack_rejects_bad_arguments():
    with pytest.raises(ValueError):
        deep_stack("softplus")
    with pytest.raises(ValueError):
        deep_stack("relu", depth=0)
    with pytest.raises(ValueError):
        deep_stack("relu", init="orthogonal")


def test_layer_grad_norms_vanish_for_sigmoid_only():
    norms = {a: layer_grad_norms(a, depth=10, width=16, batch=32) for a in ACTIVATIONS}
    for a, n in norms.items():
        assert n.shape == (10,) and n.dtype == np.float64 and np.all(n >= 0), a
    assert norms["sigmoid"][0] < 1e-4 * norms["sigmoid"][-1]
    for a in ("tanh", "relu"):
        assert norms[a][0] > 1e-2 * norms[a][-1], a
    np.testing.assert_array_equal(norms["tanh"], layer_grad_norms("tanh", depth=10, width=16, batch=32))


def test_sgd_path_converges_on_noise_free_targets():
    rng = np.random.default_rng(0)
    feats = np.tanh(rng.normal(size=(50, 2)))
    w_star = np.array([1.0, -1.0])
    path = sgd_path(feats, w_star, np.zeros(2), lr=0.5, steps=400)
    assert path.shape == (401, 2)
    np.testing.assert_array_equal(path[0], [0.0, 0.0])
    assert np.linalg.norm(path[-1] - w_star) < 1e-3
    k = steps_to_reach(path, w_star, 0.05)
    assert k is not None and np.linalg.norm(path[k] - w_star) < 0.05
    assert steps_to_reach(path[:1], w_star, 0.05) is None


def test_best_seconds():
    calls = []
    t = best_seconds(lambda: calls.append(1), repeat=3, warmup=1)
    assert len(calls) == 4 and 0 <= t < 1
    with pytest.raises(ValueError):
        best_seconds(lambda: None, repeat=0)


def test_median_seconds_calls_and_measures_one_call():
    import time

    calls = []
    t = median_seconds(lambda: calls.append(1), repeat=3, number=4, warmup=2)
    assert len(calls) == 2 + 3 * 4 and 0 <= t < 1
    slow = median_seconds(lambda: time.sleep(0.002), repeat=3, number=2, warmup=0)
    assert 0.0015 < slow < 0.05, "the time of ONE call, not of `number` calls"
    for bad in ({"repeat": 0}, {"number": 0}):
        with pytest.raises(ValueError):
            median_seconds(lambda: None, **bad)
