"""Tripwires for exercise tests: make forbidden functions fail loudly while a student's
function runs, and record that they were called (even if the student's code catches
the error).

Usage in a hidden test::

    with utils.tripwire.forbidden(student_fn.__globals__, [(np, "exp")]) as calls:
        student_fn(x)
    assert not calls, f"called {calls[0]}: ..."
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator


@contextmanager
def forbidden(namespace: dict[str, Any], targets: list[tuple[Any, str]]) -> Iterator[list[str]]:
    """Within the block, each ``getattr(owner, name)`` of ``targets``, and every name in
    ``namespace`` bound to one of those objects, is replaced by a trap. A trap appends
    ``"owner.name"`` to the yielded list and raises ``AssertionError``. Everything is
    restored on exit, also after an error.
    """
    calls: list[str] = []
    saved_attrs: list[tuple[Any, str, Any]] = []
    saved_names: dict[str, Any] = {}

    def trap_for(label: str):
        def trap(*args: Any, **kwargs: Any) -> Any:
            calls.append(label)
            raise AssertionError(f"{label} must not be called here")
        return trap

    try:
        originals: dict[int, str] = {}
        for owner, name in targets:
            original = getattr(owner, name)
            label = f"{getattr(owner, '__name__', type(owner).__name__)}.{name}"
            originals[id(original)] = label
            saved_attrs.append((owner, name, original))
            setattr(owner, name, trap_for(label))
        for key, value in list(namespace.items()):
            if id(value) in originals:
                saved_names[key] = value
                namespace[key] = trap_for(originals[id(value)])
        yield calls
    finally:
        for owner, name, original in reversed(saved_attrs):
            setattr(owner, name, original)
        namespace.update(saved_names)
