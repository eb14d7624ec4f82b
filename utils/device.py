"""Pick the device torch cells run on: CUDA, then Apple MPS, then the CPU."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import torch


def _mps_available(torch_module: object) -> bool:
    backends = getattr(torch_module, "backends", None)
    mps = getattr(backends, "mps", None)
    return bool(mps is not None and mps.is_available())


def get_device(prefer: str | None = None, verbose: bool = True) -> "torch.device":
    """Return the best available ``torch.device`` and print one line saying which.

    Order: CUDA (an NVIDIA GPU, Colab's GPU runtime), then MPS (Apple silicon),
    then the CPU. Every notebook of the course runs on the CPU in well under a
    minute, so the absence of a GPU is said, never raised.

    Args:
        prefer: ``"cuda"``, ``"mps"`` or ``"cpu"`` to ask for one device; if it is
            not available the usual order applies and the printed line says so.
        verbose: print the one-line summary.
    """
    import torch

    available = {
        "cuda": torch.cuda.is_available(),
        "mps": _mps_available(torch),
        "cpu": True,
    }
    if prefer is not None and prefer not in available:
        raise ValueError(f"prefer must be one of {sorted(available)}, not {prefer!r}")
    note = ""
    if prefer is not None and available[prefer]:
        name = prefer
    else:
        if prefer is not None:
            note = f" ({prefer} was asked for but is not available)"
        name = next(n for n in ("cuda", "mps", "cpu") if available[n])
    device = torch.device(name)
    if verbose:
        print(describe_device(device) + note)
    return device


def describe_device(device: "torch.device") -> str:
    """One line a student can read: which device, and what it means for them."""
    import torch

    if device.type == "cuda":
        return f"Device: cuda ({torch.cuda.get_device_name(device)})"
    if device.type == "mps":
        return "Device: mps (Apple GPU)"
    return "Device: cpu (no GPU found: fine, every notebook here runs on a CPU)"
