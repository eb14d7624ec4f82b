"""A controlled experiment on binary classifier heads (notebook 07).

Two small tasks, one "NLP" and one "CV", each trained with either

* a **1-logit head** (``nn.Linear(h, 1)`` + ``BCEWithLogitsLoss``: sigmoid), or
* a **2-logit head** (``nn.Linear(h, 2)`` + ``CrossEntropyLoss``: softmax),

on top of the same body, the same data split, the same initial body weights and
the same mini-batches. Everything is seeded, CPU-sized and float32, so a whole
grid of runs takes seconds.

The text task is generated here (no data set is downloaded): short "reviews"
with one sentiment word that may be negated by ``not``. The image task is
scikit-learn's digits (shipped with the package), relabelled "digit < 5".

Nothing here computes confidence intervals: the notebook's exercises do that.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import torch
from torch import nn

Head = Literal["sigmoid", "softmax"]

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
    """Train and test tensors of one task, on one device.

    ``x_*`` are float32 features (image task) or int64 token ids of shape
    ``(n, length)`` (text task); ``y_*`` are int64 labels in {0, 1}.
    """

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor


def make_negation_reviews(
    n: int, seed: int, length: int = 5, noise: float = 0.1
) -> tuple[np.ndarray, np.ndarray]:
    """Generate a binary text task in which negation flips the label.

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
    x: np.ndarray, y: np.ndarray, n_train: int, seed: int, device: torch.device | str = "cpu"
) -> Split:
    """A seeded random train/test split (the first ``n_train`` of a permutation train)."""
    if not 0 < n_train < len(y):
        raise ValueError(f"n_train must be in (0, {len(y)}), not {n_train}")
    perm = np.random.default_rng(seed).permutation(len(y))
    tr, te = perm[:n_train], perm[n_train:]

    def t(a: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(np.ascontiguousarray(a)).to(device)

    return Split(t(x[tr]), t(y[tr]), t(x[te]), t(y[te]))


def load_task(task: Literal["text", "image"], seed: int, device: torch.device | str = "cpu") -> Split:
    """The data of one seed: text draws 1600 new reviews, image re-splits the digits.

    600 training examples in both tasks; the rest (1000 reviews, 1197 digits) is the test set.
    """
    if task == "text":
        x, y = make_negation_reviews(1600, seed)
    elif task == "image":
        x, y = digits_below_five()
    else:
        raise ValueError(f"task must be 'text' or 'image', not {task!r}")
    return split(x, y, 600, seed, device)


def make_body(task: Literal["text", "image"], seed: int, hidden: int = 16) -> nn.Module:
    """The shared feature extractor, initialised from ``torch.manual_seed(seed)``.

    text: mean of 16-d word embeddings -> Linear -> ReLU.
    image: Linear(64, hidden) -> ReLU.
    """
    torch.manual_seed(seed)
    if task == "text":
        return nn.Sequential(nn.EmbeddingBag(len(VOCAB), 16, mode="mean"),
                             nn.Linear(16, hidden), nn.ReLU())
    if task == "image":
        return nn.Sequential(nn.Linear(64, hidden), nn.ReLU())
    raise ValueError(f"task must be 'text' or 'image', not {task!r}")


def make_head(n_logits: int, seed: int, hidden: int = 16) -> nn.Linear:
    """``nn.Linear(hidden, n_logits)`` with PyTorch's default initialisation."""
    torch.manual_seed(seed)
    return nn.Linear(hidden, n_logits)


def tie_two_logit_head(head: nn.Linear) -> nn.Linear:
    """The 2-logit head that starts as the same function as a 1-logit ``head``.

    Row 1 (class 1) gets ``w / 2``, row 0 gets ``-w / 2`` (biases likewise), so
    that ``z1 - z0 = w.h + b`` and the two rows sum to zero. Trained with half
    the learning rate on this head (plain SGD), it follows the 1-logit head's
    trajectory exactly (notebook 05); the body keeps the full learning rate,
    because the gradient reaching the body is the same for both heads.
    """
    if head.out_features != 1:
        raise ValueError("tie_two_logit_head expects a 1-logit head")
    two = nn.Linear(head.in_features, 2).to(head.weight.device)
    with torch.no_grad():
        w, b = head.weight[0], head.bias[0]
        two.weight.copy_(torch.stack([-w / 2, w / 2]))
        two.bias.copy_(torch.stack([-b / 2, b / 2]))
    return two


def class1_logit(z: torch.Tensor) -> torch.Tensor:
    """The log-odds of class 1: ``z[:, 0]`` for a 1-logit head, ``z1 - z0`` for a 2-logit one."""
    return z[:, 0] if z.shape[1] == 1 else z[:, 1] - z[:, 0]


def loss_fn(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """BCEWithLogitsLoss for a 1-logit head, CrossEntropyLoss for a 2-logit head."""
    if z.shape[1] == 1:
        return nn.functional.binary_cross_entropy_with_logits(z[:, 0], y.to(z.dtype))
    return nn.functional.cross_entropy(z, y)


def train(
    body: nn.Module,
    head: nn.Linear,
    data: Split,
    lr: float,
    head_lr: float | None = None,
    epochs: int = 10,
    batch_size: int = 50,
    seed: int = 0,
) -> nn.Sequential:
    """Mini-batch SGD (no momentum, no weight decay) of ``body`` followed by ``head``.

    The batch order comes from ``torch.Generator().manual_seed(seed)`` alone, so
    two runs with the same seed and data see exactly the same batches.
    ``head_lr`` defaults to ``lr``. Returns the trained ``nn.Sequential``.
    """
    model = nn.Sequential(body, head)
    opt = torch.optim.SGD([{"params": body.parameters(), "lr": lr},
                           {"params": head.parameters(), "lr": lr if head_lr is None else head_lr}])
    gen = torch.Generator().manual_seed(seed)
    n = len(data.y_train)
    for _ in range(epochs):
        order = torch.randperm(n, generator=gen).to(data.y_train.device)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            opt.zero_grad()
            loss_fn(model(data.x_train[idx]), data.y_train[idx]).backward()
            opt.step()
    return model


@torch.no_grad()
def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """Accuracy and log-loss (mean negative log-likelihood, nats) of P(class 1) on ``(x, y)``.

    Both heads are scored through the same log-odds ``class1_logit``, so two
    heads that compute the same function get the same numbers.
    """
    d = class1_logit(model(x))
    acc = ((d > 0).long() == y).float().mean().item()
    nll = nn.functional.binary_cross_entropy_with_logits(d, y.to(d.dtype)).item()
    return acc, nll


SETTINGS: tuple[str, ...] = ("sigmoid", "softmax default", "softmax equalised")


def run_seed(
    task: Literal["text", "image"],
    data: Split,
    seed: int,
    lr: float,
    settings: tuple[str, ...] = SETTINGS,
    **train_kwargs: int,
) -> dict[str, tuple[float, float]]:
    """Train one seed of one task under each setting; return test (accuracy, log-loss).

    * ``"sigmoid"``: 1-logit head, PyTorch default init, learning rate ``lr``;
    * ``"softmax default"``: 2-logit head, PyTorch default init, learning rate ``lr``;
    * ``"softmax equalised"``: 2-logit head tied to the sigmoid's initial head
      (:func:`tie_two_logit_head`), head learning rate ``lr / 2``.

    Every setting starts from the same body weights and sees the same batches.
    """
    out: dict[str, tuple[float, float]] = {}
    for name in settings:
        body = make_body(task, seed).to(data.y_train.device)
        one = make_head(1, seed + 1000).to(data.y_train.device)
        if name == "sigmoid":
            head, head_lr = one, lr
        elif name == "softmax default":
            head, head_lr = make_head(2, seed + 1000).to(data.y_train.device), lr
        elif name == "softmax equalised":
            head, head_lr = tie_two_logit_head(one), lr / 2
        else:
            raise ValueError(f"unknown setting {name!r}; choose from {SETTINGS}")
        model = train(body, head, data, lr=lr, head_lr=head_lr, seed=seed, **train_kwargs)
        out[name] = evaluate(model, data.x_test, data.y_test)
    return out
