"""Seed every source of randomness the notebooks use."""
from __future__ import annotations

import os
import random
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import torch


def seed_everything(seed: int = 0, deterministic: bool = True) -> np.random.Generator:
    """Seed Python's ``random``, NumPy's global state and torch (CPU and every GPU).

    With ``deterministic=True`` cuDNN is told to pick deterministic algorithms and
    not to benchmark (which would choose kernels by timing, i.e. by chance).

    Returns a fresh ``numpy.random.Generator`` seeded with ``seed``: prefer passing
    it around explicitly (``rng.normal(...)``) to relying on global state.
    """
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise TypeError(f"seed must be an int, not {type(seed).__name__}")
    if not 0 <= int(seed) < 2**32:
        raise ValueError(f"seed must be in [0, 2**32), not {seed}")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed)
    # Only child processes see this (the running interpreter's hash seed is fixed).
    os.environ["PYTHONHASHSEED"] = str(seed)
    try:
        import torch
    except ImportError:  # numpy-only use
        return np.random.default_rng(seed)
    torch.manual_seed(seed)  # also seeds every CUDA device
    if hasattr(torch, "mps") and torch.backends.mps.is_available():
        torch.mps.manual_seed(seed)
    torch.backends.cudnn.deterministic = deterministic
    torch.backends.cudnn.benchmark = not deterministic
    return np.random.default_rng(seed)


def torch_generator(seed: int = 0, device: "torch.device | str" = "cpu") -> "torch.Generator":
    """An explicit ``torch.Generator`` for one random call (``torch.randn(..., generator=g)``)."""
    import torch

    return torch.Generator(device=device).manual_seed(int(seed))
