"""The data of notebook 08's experiment (see :mod:`utils.experiment`): two small tasks.

The text task is *synthetic*: no labelled text data set ships inside the course's packages
and nothing may be downloaded, so :func:`make_negation_reviews` writes short "reviews" from a
29-word vocabulary. The image task is scikit-learn's 8x8 digits (shipped with the package),
relabelled "digit < 5". :func:`load_task` splits either into train, validation and test.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np
import torch

Task = Literal["text", "image"]
TASKS: tuple[str, ...] = ("text", "image")
N_TRAIN, N_VAL = 600, 400

FILLERS: tuple[str, ...] = (
    "the", "film", "plot", "was", "a", "really", "very", "story",
    "acting", "and", "it", "this", "cast", "ending", "quite", "so",
)
POSITIVE: tuple[str, ...] = ("good", "great", "fun", "superb", "moving", "clever")
NEGATIVE: tuple[str, ...] = ("bad", "dull", "awful", "boring", "weak", "silly")
NEGATOR = "not"
VOCAB: tuple[str, ...] = FILLERS + POSITIVE + NEGATIVE + (NEGATOR,)


@dataclass(frozen=True)
class Split:
    """Train, validation and test tensors of one task, on one device.

    ``x_*`` are float32 features (image task) or int64 token ids of shape
    ``(n, length)`` (text task); ``y_*`` are int64 labels in {0, 1}. A stacked
    split (:func:`stack_splits`) has one more leading axis: the seed.
    """

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_val: torch.Tensor
    y_val: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor


def make_negation_reviews(
    n: int, seed: int, length: int = 5, noise: float = 0.1
) -> tuple[np.ndarray, np.ndarray]:
    """Generate a synthetic binary text task in which negation flips the label.

    Each example is ``length`` token ids from :data:`VOCAB`: filler words, one
    sentiment word (positive or negative, equally likely) and, in half of the
    examples, the word ``not`` right before it. The clean label is 1 for a
    positive word, 0 for a negative one, flipped when negated ("not good" is
    negative, "not bad" positive). Then a fraction ``noise`` of labels is
    flipped at random, so no model can exceed about ``1 - noise`` accuracy.

    A bag-of-words model sees ``not`` and ``good`` but not their order; since
    the label is their exclusive or, a *linear* bag-of-words model cannot solve
    the task and a model needs a hidden layer.

    Args:
        n: number of examples (>= 1).
        seed: seed of the ``numpy.random.Generator`` that draws everything.
        length: tokens per example (>= 2: room for ``not`` and the word).
        noise: probability in [0, 0.5) that a label is flipped.

    Returns:
        ``(tokens, labels)``: int64 arrays of shapes ``(n, length)`` and ``(n,)``.
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, not {n}")
    if length < 2:
        raise ValueError(f"length must be >= 2, not {length}")
    if not 0.0 <= noise < 0.5:
        raise ValueError(f"noise must be in [0, 0.5), not {noise}")
    rng = np.random.default_rng(seed)
    index = {w: i for i, w in enumerate(VOCAB)}
    pos_ids = np.array([index[w] for w in POSITIVE])
    neg_ids = np.array([index[w] for w in NEGATIVE])

    tokens = rng.integers(0, len(FILLERS), size=(n, length))  # fillers come first in VOCAB
    positive = rng.random(n) < 0.5
    negated = rng.random(n) < 0.5
    word = np.where(positive, rng.choice(pos_ids, n), rng.choice(neg_ids, n))
    where = rng.integers(1, length, size=n)  # position of the sentiment word (>= 1: room for "not")
    rows = np.arange(n)
    tokens[rows, where] = word
    tokens[rows[negated], where[negated] - 1] = index[NEGATOR]
    labels = positive ^ negated
    labels ^= rng.random(n) < noise
    return tokens.astype(np.int64), labels.astype(np.int64)


def decode(tokens: np.ndarray) -> list[str]:
    """Turn rows of token ids back into readable sentences."""
    return [" ".join(VOCAB[int(t)] for t in row) for row in np.atleast_2d(tokens)]


def digits_below_five() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's 8x8 digits as a binary task: label 1 when the digit is < 5.

    Returns float32 features in [0, 1] of shape ``(1797, 64)`` and int64 labels.
    """
    from sklearn.datasets import load_digits

    data = load_digits()
    x = (data.data / 16.0).astype(np.float32)
    y = (data.target < 5).astype(np.int64)
    return x, y


def split(
    x: np.ndarray, y: np.ndarray, n_train: int, n_val: int, seed: int,
    device: torch.device | str = "cpu",
) -> Split:
    """A seeded random split: the first ``n_train`` of a permutation train, the next
    ``n_val`` validate (learning rates are chosen on them), the rest test."""
    if n_train < 1 or n_val < 1 or n_train + n_val >= len(y):
        raise ValueError(f"need n_train >= 1, n_val >= 1 and n_train + n_val < {len(y)}; "
                         f"got {n_train} and {n_val}")
    perm = np.random.default_rng(seed).permutation(len(y))
    parts = perm[:n_train], perm[n_train:n_train + n_val], perm[n_train + n_val:]

    def t(a: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(np.ascontiguousarray(a)).to(device)

    return Split(*(t(arr[p]) for p in parts for arr in (x, y)))


def load_task(task: str, seed: int, device: torch.device | str = "cpu") -> Split:
    """The data of one seed: text draws 2000 new reviews, image re-splits the 1797 digits.

    Both tasks train on 600 examples and validate on 400; the rest (1000 reviews,
    797 digits) is the test set.
    """
    if task == "text":
        x, y = make_negation_reviews(N_TRAIN + N_VAL + 1000, seed)
    elif task == "image":
        x, y = digits_below_five()
    else:
        raise ValueError(f"task must be 'text' or 'image', not {task!r}")
    return split(x, y, N_TRAIN, N_VAL, seed, device)


def stack_splits(splits: Sequence[Split]) -> Split:
    """Stack the splits of several seeds along a new leading axis (equal sizes needed)."""
    return Split(*(torch.stack([getattr(s, f) for s in splits]) for f in Split.__dataclass_fields__))
