"""Measurements behind notebook 01 (sigmoid): gradients through a deep stack,
SGD paths of one neuron, and a small timer for elementwise operations.

Nothing here computes a sigmoid, its derivative or multi-label predictions for
the student: those are the notebook's exercises.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import torch

ACTIVATIONS = ("sigmoid", "tanh", "relu")


def _activation(name: str) -> "torch.nn.Module":
    import torch

    layers = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}
    if name not in layers:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, not {name!r}")
    return layers[name]()


def deep_stack(activation: str, depth: int = 15, width: int = 64, seed: int = 0,
               device: "torch.device | str" = "cpu", init: str = "matched") -> "torch.nn.Sequential":
    """``depth`` blocks of ``Linear(width, width)`` + activation, drawn after ``torch.manual_seed(seed)``.

    ``init="default"`` keeps PyTorch's default initialisation; ``init="matched"`` gives each
    activation its recommended one: Glorot (Xavier) normal weights scaled by
    ``torch.nn.init.calculate_gain(activation)`` (1 for sigmoid, 5/3 for tanh, sqrt(2) for
    ReLU, i.e. He init) and zero biases, so no activation is handicapped by its start.
    """
    import torch

    if depth < 1 or width < 1:
        raise ValueError("depth and width must be positive")
    if init not in ("default", "matched"):
        raise ValueError(f"init must be 'default' or 'matched', not {init!r}")
    torch.manual_seed(seed)
    blocks: list[torch.nn.Module] = []
    for _ in range(depth):
        linear = torch.nn.Linear(width, width)
        if init == "matched":
            torch.nn.init.xavier_normal_(linear.weight, gain=torch.nn.init.calculate_gain(activation))
            torch.nn.init.zeros_(linear.bias)
        blocks += [linear, _activation(activation)]
    return torch.nn.Sequential(*blocks).to(device)


def layer_grad_norms(activation: str, depth: int = 15, width: int = 64, batch: int = 256,
                     seed: int = 0, device: "torch.device | str" = "cpu",
                     init: str = "matched") -> np.ndarray:
    """Norm of the loss gradient w.r.t. each Linear layer's weight (layer 1 first).

    Inputs and targets are standard normal (explicit generator ``seed``); the loss is
    the mean squared error of the stack's output; ``init`` as in :func:`deep_stack`. Returns a float64 array of length ``depth``.
    """
    import torch

    model = deep_stack(activation, depth, width, seed, device, init)
    g = torch.Generator().manual_seed(seed + 1)
    x = torch.randn(batch, width, generator=g).to(device)
    y = torch.randn(batch, width, generator=g).to(device)
    loss = torch.nn.functional.mse_loss(model(x), y)
    loss.backward()
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    return np.array([float(m.weight.grad.norm()) for m in linears], dtype=np.float64)


def sgd_path(features: np.ndarray, w_star: np.ndarray, w0: np.ndarray, lr: float,
             steps: int) -> np.ndarray:
    """Plain per-example SGD on one linear neuron ``z = w @ a`` with squared error.

    The targets are ``features @ w_star`` (noise-free), examples are visited in order,
    cycling. Returns the weights after every step, shape ``(steps + 1, len(w0))``.
    """
    a = np.asarray(features, dtype=np.float64)
    w = np.array(w0, dtype=np.float64)
    y = a @ np.asarray(w_star, dtype=np.float64)
    path = [w.copy()]
    for t in range(steps):
        i = t % len(a)
        w = w - lr * (w @ a[i] - y[i]) * a[i]
        path.append(w.copy())
    return np.array(path)


def steps_to_reach(path: np.ndarray, w_star: np.ndarray, tol: float) -> int | None:
    """First step at which ``||w - w_star|| < tol`` (None if never)."""
    dist = np.linalg.norm(np.asarray(path) - np.asarray(w_star), axis=1)
    hits = np.flatnonzero(dist < tol)
    return int(hits[0]) if hits.size else None


def best_seconds(fn: Callable[[], object], repeat: int = 15, warmup: int = 2) -> float:
    """Shortest wall time of ``fn()`` in seconds over ``repeat`` calls, after ``warmup`` calls.

    The minimum, not the mean: on a shared machine other processes only ever add time,
    so the fastest run is the best estimate of the operation's own cost.
    """
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(min(times))


def median_seconds(fn: Callable[[], object], repeat: int = 21, number: int = 10, warmup: int = 2) -> float:
    """Median wall time of one ``fn()`` call in seconds.

    ``repeat`` samples, each the mean of ``number`` back-to-back calls (so that calls far
    shorter than the timer's resolution are still measured), after ``warmup`` calls. The
    median is robust to the occasional sample slowed down by another process; comparing
    two operations is fair when both are measured the same way, on the same data.
    """
    if repeat < 1 or number < 1:
        raise ValueError("repeat and number must be at least 1")
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return float(np.median(samples))
