"""Where notebook 07's BERT and data come from (see :mod:`utils.bert`): the online choice, the
download, and the offline fixture written locally, in the same formats as the online ones."""
from __future__ import annotations

import contextlib
import os
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

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
    """What one run of notebook 07 trains and measures on."""

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
    """Decide whether notebook 07 runs online or offline.

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
