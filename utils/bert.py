"""A pretrained BERT fine-tuned on SST-2 where it can be downloaded, a local stand-in where not.

Notebook 06 runs one code path in two places:

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
import os
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Mapping, Sequence

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import datasets
    import torch

ONLINE_CHECKPOINT = "google/bert_uncased_L-4_H-256_A-4"
"""BERT-Mini (Turc et al., 2019, "Well-Read Students Learn Better"): 4 layers, 256 hidden, 4 heads, 11M parameters."""

ONLINE_DATASET = ("nyu-mll/glue", "sst2")
"""SST-2 in GLUE: movie-review sentences and phrases labelled 0 (negative) or 1 (positive)."""

SOURCE_ENV = "COURSE_BERT_SOURCE"
"""Set to ``online`` or ``offline`` to skip the automatic choice."""

HUB_PROBE_URL = f"https://huggingface.co/api/models/{ONLINE_CHECKPOINT}"

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class RunPlan:
    """What one run of notebook 06 trains and measures on."""

    source: str          # "online" or "offline"
    reason: str          # why that source was chosen, one line for the student
    n_train: int         # training examples (capped on a CPU)
    n_eval: int          # held-out examples for the decisions and the reliability diagram
    epochs: int
    batch_size: int
    lr: float
    max_length: int      # tokens per sentence, [CLS] and [SEP] included


def hub_reachable(url: str = HUB_PROBE_URL, timeout: float = 3.0) -> bool:
    """True if an HTTP request to the Hugging Face Hub is answered within ``timeout`` seconds."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout):
            return True
    except Exception:  # no network, DNS failure, proxy refusal, timeout, HTTP error
        return False


def choose_source(environ: Mapping[str, str] | None = None, timeout: float = 3.0,
                  probe=hub_reachable) -> tuple[str, str]:
    """Decide whether notebook 06 runs online or offline.

    Args:
        environ: the environment to read (``os.environ`` by default).
        timeout: seconds to wait for the Hub.
        probe: the function that tries the Hub (replaced in tests).

    Returns:
        ``(source, reason)`` with ``source`` ``"online"`` or ``"offline"``.
    """
    env = os.environ if environ is None else environ
    forced = env.get(SOURCE_ENV, "").strip().lower()
    if forced in ("online", "offline"):
        return forced, f"{SOURCE_ENV}={forced}"
    if forced:
        raise ValueError(f"{SOURCE_ENV} must be 'online' or 'offline', not {forced!r}")
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if env.get(var, "").strip().lower() in _TRUE:
            return "offline", f"{var} is set"
    if probe(timeout=timeout):
        return "online", "the Hugging Face Hub answered"
    return "offline", f"the Hugging Face Hub did not answer within {timeout:g} s"


def plan_run(source: str, reason: str, device: "torch.device | str") -> RunPlan:
    """How much to train and evaluate: the whole of SST-2 on a GPU, a capped share on a CPU."""
    on_gpu = str(device).startswith("cuda")
    if source == "online":
        # SST-2's training split has 67,349 examples; 8,000 are held out for evaluation.
        return RunPlan(source, reason, n_train=59_349 if on_gpu else 3_000, n_eval=8_000,
                       epochs=1, batch_size=32, lr=1e-4, max_length=64)
    if source == "offline":
        return RunPlan(source, reason, n_train=4_000, n_eval=4_000,
                       epochs=5, batch_size=32, lr=3e-3, max_length=16)
    raise ValueError(f"source must be 'online' or 'offline', not {source!r}")


@contextlib.contextmanager
def quiet_progress():
    """Hide the progress bars of ``datasets`` and ``transformers`` (they write to stderr), then restore them."""
    import datasets
    from transformers.utils import logging as hf_logging

    datasets_were_on = datasets.is_progress_bar_enabled()
    transformers_were_on = hf_logging.is_progress_bar_enabled()
    datasets.disable_progress_bars()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if datasets_were_on:
            datasets.enable_progress_bars()
        if transformers_were_on:
            hf_logging.enable_progress_bar()


def build_offline_fixture(folder: str, n_sentences: int = 8_000, seed: int = 0) -> tuple[str, str]:
    """Write a checkpoint and a sentiment data set that load like the online ones.

    * ``folder/checkpoint``: a tiny ``BertModel`` (hidden size 32, 2 layers, 2 heads, random
      weights, no dropout) and a ``BertTokenizer`` over :func:`utils.textdata.build_vocab`,
      both written with ``save_pretrained``;
    * ``folder/data``: a ``DatasetDict`` with one split ``train`` of ``n_sentences``
      sentences from :func:`utils.textdata.make_graded_sentiment_data` (columns ``sentence``,
      ``label``, ``idx``, as in GLUE's SST-2), written with ``save_to_disk``.

    Nothing is downloaded. Returns ``(checkpoint_dir, data_dir)``.
    """
    from datasets import ClassLabel, Dataset, DatasetDict, Features, Value
    from transformers import BertConfig, BertModel, BertTokenizer

    from .textdata import build_vocab, make_graded_sentiment_data, write_vocab_file

    checkpoint_dir = os.path.join(folder, "checkpoint")
    data_dir = os.path.join(folder, "data")
    os.makedirs(checkpoint_dir, exist_ok=True)
    vocab = build_vocab()
    vocab_path = write_vocab_file(os.path.join(folder, "vocab.txt"), vocab)
    # the path as the first positional argument: vocab_file in transformers 4.x, vocab in 5.x
    tokenizer = BertTokenizer(vocab_path, model_max_length=32)
    tokenizer.save_pretrained(checkpoint_dir)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=32,
                        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    import torch

    with torch.random.fork_rng(devices=[]), quiet_progress():
        torch.manual_seed(seed)
        BertModel(config, add_pooling_layer=True).save_pretrained(checkpoint_dir)
    sentences, labels, _ = make_graded_sentiment_data(n_sentences, seed=seed)
    features = Features({"sentence": Value("string"),
                         "label": ClassLabel(names=["negative", "positive"]),
                         "idx": Value("int32")})
    data = DatasetDict({"train": Dataset.from_dict(
        {"sentence": sentences, "label": labels.tolist(), "idx": list(range(n_sentences))},
        features=features)})
    with quiet_progress():
        data.save_to_disk(data_dir)
    return checkpoint_dir, data_dir


ONLINE_FILES = ["config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json",
                "model.safetensors", "pytorch_model.bin"]
"""The files of :data:`ONLINE_CHECKPOINT` that ``from_pretrained`` may read (not its TensorFlow and Flax weights)."""


def prepare(workdir: str, environ: Mapping[str, str] | None = None, timeout: float = 3.0,
            probe=hub_reachable) -> tuple[str, str, str, "datasets.DatasetDict"]:
    """Choose the source (:func:`choose_source`) and fetch or build its checkpoint and data.

    Online, the checkpoint's files are downloaded first (``huggingface_hub.snapshot_download``)
    and SST-2 is loaded; if either fails, the run falls back to offline and says why, unless
    :data:`SOURCE_ENV` asked for ``online``, in which case the error is raised. Offline, the
    fixture is written to ``workdir`` (:func:`build_offline_fixture`).

    Returns:
        ``(source, reason, checkpoint, data)``: ``checkpoint`` is a local folder that
        ``from_pretrained`` reads, ``data`` a ``DatasetDict`` with a ``train`` split.
    """
    env = os.environ if environ is None else environ
    source, reason = choose_source(env, timeout=timeout, probe=probe)
    if source == "online":
        try:
            from huggingface_hub import snapshot_download

            checkpoint = snapshot_download(ONLINE_CHECKPOINT, allow_patterns=ONLINE_FILES)
            return source, reason, checkpoint, load_data("online")
        except Exception as err:  # an outage, a rate limit, a proxy, no disk space...
            if env.get(SOURCE_ENV, "").strip().lower() == "online":
                raise
            source, reason = "offline", f"the download from the Hub failed ({type(err).__name__})"
    checkpoint, data_dir = build_offline_fixture(workdir)
    return source, reason, checkpoint, load_data("offline", data_dir)


def load_data(source: str, data_dir: str | None = None) -> "datasets.DatasetDict":
    """SST-2 from the Hub (online) or the fixture's copy (offline), as a ``DatasetDict``."""
    if source == "online":
        from datasets import load_dataset

        return load_dataset(*ONLINE_DATASET)
    if source == "offline":
        if data_dir is None:
            raise ValueError("offline data needs data_dir (see build_offline_fixture)")
        from datasets import load_from_disk

        with quiet_progress():
            return load_from_disk(data_dir)
    raise ValueError(f"source must be 'online' or 'offline', not {source!r}")


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
