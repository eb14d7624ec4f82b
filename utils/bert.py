"""A pretrained BERT fine-tuned on SST-2 where it can be downloaded, a local stand-in where not.

Notebook 07 runs one code path in two places:

* **online** (Colab, a laptop with internet): the checkpoint :data:`ONLINE_CHECKPOINT`
  (Google's BERT-Mini: 4 layers, hidden size 256, pretrained on English text) and the SST-2
  sentiment data set of the GLUE benchmark (:data:`ONLINE_DATASET`), both from the Hugging
  Face Hub;
* **offline** (tests, CI, no network): a checkpoint and a data set written to a local
  folder by :func:`build_offline_fixture` (a tiny BERT with random weights and a small
  vocabulary, and generated sentences from :mod:`utils.textdata`), in the same formats.

Everything after that is the same: the tokenizer and model come from
``from_pretrained(checkpoint)``, the data from a ``datasets.DatasetDict`` with the columns
``sentence`` and ``label`` (0 = negative, 1 = positive), and :func:`fine_tune` and
:func:`predict_logits` run on whatever device they are given, with mixed precision
(``torch.autocast``, float16) on CUDA only.

:func:`choose_source` decides which one runs: the environment variable :data:`SOURCE_ENV`
forces it (``online`` or ``offline``); otherwise it is offline when ``HF_HUB_OFFLINE`` or
``TRANSFORMERS_OFFLINE`` is set, or when the Hub does not answer within a few seconds.
"""
from __future__ import annotations

import contextlib
import math
from typing import TYPE_CHECKING, Iterator, Sequence

import numpy as np

# Where the checkpoint and data come from lives in utils.bert_source; notebooks import it from here.
from .bert_source import (HUB_PROBE_URL, ONLINE_CHECKPOINT, ONLINE_DATASET, ONLINE_FILES, SOURCE_ENV,  # noqa: F401
                          RunPlan, build_offline_fixture, choose_source, hub_reachable, load_data, plan_run,
                          prepare, quiet_progress)

if TYPE_CHECKING:  # pragma: no cover
    import datasets
    import torch


def split_train_eval(data: "datasets.DatasetDict", n_train: int, n_eval: int, seed: int = 0
                     ) -> tuple[list[str], np.ndarray, list[str], np.ndarray]:
    """Shuffle the ``train`` split with ``seed``; hold out its first ``n_eval`` examples, train on up to ``n_train`` more.

    Returns ``(train_sentences, train_labels, eval_sentences, eval_labels)``, labels as ``int64`` arrays.
    """
    train = data["train"]
    if n_eval + 1 > len(train):
        raise ValueError(f"the train split has {len(train)} examples, fewer than n_eval + 1 = {n_eval + 1}")
    order = np.random.default_rng(seed).permutation(len(train))
    eval_idx = order[:n_eval]
    train_idx = order[n_eval:n_eval + n_train]
    ev = train.select(eval_idx.tolist())
    tr = train.select(train_idx.tolist())
    return (list(tr["sentence"]), np.asarray(tr["label"], dtype=np.int64),
            list(ev["sentence"]), np.asarray(ev["label"], dtype=np.int64))


def load_classifier(checkpoint: str, device: "torch.device | str", **config_kwargs):
    """``AutoTokenizer`` and ``AutoModelForSequenceClassification`` from ``checkpoint``, model on ``device``.

    ``config_kwargs`` (``num_labels=2``, ``problem_type=...``) set up the classification head,
    which is new: its weights are drawn at random (transformers' note about "newly initialized"
    weights is silenced, since that is the point of fine-tuning).
    """
    import transformers
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    verbosity = transformers.logging.get_verbosity()
    transformers.logging.set_verbosity_error()
    try:
        with quiet_progress():
            tokenizer = AutoTokenizer.from_pretrained(checkpoint)
            model = AutoModelForSequenceClassification.from_pretrained(checkpoint, **config_kwargs)
    finally:
        transformers.logging.set_verbosity(verbosity)
    return tokenizer, model.to(device)


def autocast(device: "torch.device | str"):
    """Mixed precision (float16) on CUDA; a no-op context on the CPU and on MPS."""
    import torch

    if str(device).startswith("cuda"):
        return torch.autocast(device_type="cuda", dtype=torch.float16)
    return contextlib.nullcontext()


def _batches(n: int, batch_size: int, generator: "torch.Generator | None") -> Iterator[np.ndarray]:
    import torch

    order = torch.randperm(n, generator=generator) if generator is not None else torch.arange(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size].numpy()


def _encode(tokenizer, sentences: Sequence[str], max_length: int, device):
    enc = tokenizer(list(sentences), padding=True, truncation=True, max_length=max_length,
                    return_tensors="pt")
    return {k: v.to(device) for k, v in enc.items() if k in ("input_ids", "attention_mask", "token_type_ids")}


def fine_tune(model, tokenizer, sentences: Sequence[str], labels: np.ndarray, device: "torch.device | str", *,
              epochs: int, batch_size: int, lr: float, max_length: int, seed: int = 0,
              weight_decay: float = 0.01) -> list[float]:
    """Fine-tune ``model`` with the loss it computes itself from ``labels`` (AdamW, linear decay).

    Labels go to the model as integers of shape ``(N,)``, so a 2-logit head trains with
    cross-entropy. On CUDA the forward pass runs under float16 autocast with a gradient
    scaler; elsewhere in float32. The batches are shuffled by a ``torch.Generator`` seeded
    with ``seed``. Returns the loss of every step.
    """
    import torch

    model.train()
    on_cuda = str(device).startswith("cuda")
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    steps = epochs * math.ceil(len(sentences) / batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: max(0.0, 1.0 - s / max(steps, 1)))
    scaler = torch.amp.GradScaler("cuda", enabled=on_cuda)
    gen = torch.Generator().manual_seed(seed)
    y_all = torch.as_tensor(np.asarray(labels, dtype=np.int64))
    losses: list[float] = []
    for _ in range(epochs):
        for idx in _batches(len(sentences), batch_size, gen):
            inputs = _encode(tokenizer, [sentences[i] for i in idx], max_length, device)
            y = y_all[idx].to(device)
            with autocast(device):
                loss = model(**inputs, labels=y).loss
            optimizer.zero_grad(set_to_none=True)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            schedule.step()
            losses.append(float(loss.detach()))
    model.eval()
    return losses


def predict_logits(model, tokenizer, sentences: Sequence[str], device: "torch.device | str", *,
                   max_length: int, batch_size: int = 256) -> "torch.Tensor":
    """The model's logits for every sentence, in order: float32, shape ``(N, num_labels)``, on ``device``."""
    import torch

    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(sentences), batch_size):
            inputs = _encode(tokenizer, sentences[start:start + batch_size], max_length, device)
            with autocast(device):
                out.append(model(**inputs).logits.float())
    if not out:
        return torch.empty(0, model.config.num_labels, device=device)
    return torch.cat(out)
