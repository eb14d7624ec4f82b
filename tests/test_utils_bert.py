"""Unit tests of utils.bert (notebook 07's online/offline BERT pipeline), offline only."""
from __future__ import annotations

import contextlib
import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("datasets")

from utils import bert  # noqa: E402
from utils.textdata import build_vocab, make_graded_sentiment_data  # noqa: E402


def _no_probe(timeout):
    raise AssertionError("the Hub must not be probed here")


def test_choose_source_forced_by_the_environment_variable():
    assert bert.choose_source({bert.SOURCE_ENV: "online", "HF_HUB_OFFLINE": "1"}, probe=_no_probe)[0] == "online"
    assert bert.choose_source({bert.SOURCE_ENV: " Offline "}, probe=_no_probe)[0] == "offline"
    with pytest.raises(ValueError, match=bert.SOURCE_ENV):
        bert.choose_source({bert.SOURCE_ENV: "sometimes"}, probe=_no_probe)


@pytest.mark.parametrize("var", ["HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"])
def test_choose_source_offline_flags_skip_the_probe(var):
    source, reason = bert.choose_source({var: "1"}, probe=_no_probe)
    assert source == "offline" and var in reason


def test_choose_source_asks_the_hub_otherwise():
    seen = []

    def up(timeout):
        seen.append(timeout)
        return True

    assert bert.choose_source({}, timeout=1.5, probe=up) == ("online", "the Hugging Face Hub answered")
    assert seen == [1.5]
    source, reason = bert.choose_source({"HF_HUB_OFFLINE": "0"}, timeout=2, probe=lambda timeout: False)
    assert source == "offline" and "did not answer within 2 s" in reason


def test_hub_reachable_is_false_when_nothing_answers():
    # port 9 (discard) on the loopback interface: refused at once, no network needed
    assert bert.hub_reachable("http://127.0.0.1:9/", timeout=1.0) is False


def test_plan_caps_training_on_a_cpu():
    gpu = bert.plan_run("online", "", "cuda")
    cpu = bert.plan_run("online", "", torch.device("cpu"))
    assert gpu.n_train + gpu.n_eval == 67_349  # the whole of SST-2's training split
    assert cpu.n_train < gpu.n_train and cpu.n_eval >= 2_000
    offline = bert.plan_run("offline", "why", "cpu")
    assert offline.source == "offline" and offline.reason == "why"
    assert offline.n_train + offline.n_eval <= 8_000  # what build_offline_fixture writes
    with pytest.raises(ValueError):
        bert.plan_run("cloud", "", "cpu")


def test_autocast_only_on_cuda():
    assert isinstance(bert.autocast(torch.device("cpu")), contextlib.nullcontext)
    assert isinstance(bert.autocast("mps"), contextlib.nullcontext)
    with warnings.catch_warnings():  # building a CUDA autocast on a machine without CUDA warns
        warnings.simplefilter("ignore")
        ctx = bert.autocast("cuda")
    assert isinstance(ctx, torch.autocast) and ctx.fast_dtype == torch.float16


@pytest.fixture(scope="module")
def fixture_dirs(tmp_path_factory):
    return bert.build_offline_fixture(str(tmp_path_factory.mktemp("bert06")), n_sentences=600, seed=3)


def test_offline_fixture_loads_like_the_online_data(fixture_dirs):
    _, data_dir = fixture_dirs
    data = bert.load_data("offline", data_dir)
    assert list(data) == ["train"]
    train = data["train"]
    assert train.column_names == ["sentence", "label", "idx"]
    assert train.features["label"].names == ["negative", "positive"]
    sentences, labels, _ = make_graded_sentiment_data(600, seed=3)
    assert train["sentence"] == sentences and list(train["label"]) == labels.tolist()
    with pytest.raises(ValueError):
        bert.load_data("offline")


def test_split_is_seeded_disjoint_and_sized(fixture_dirs):
    data = bert.load_data("offline", fixture_dirs[1])
    tr_s, tr_y, ev_s, ev_y = bert.split_train_eval(data, n_train=400, n_eval=150, seed=0)
    assert len(tr_s) == len(tr_y) == 400 and len(ev_s) == len(ev_y) == 150
    assert tr_y.dtype == np.int64 and ev_y.dtype == np.int64
    again = bert.split_train_eval(data, n_train=400, n_eval=150, seed=0)
    assert again[2] == ev_s and np.array_equal(again[1], tr_y)
    # more training examples than there are: all the rest
    assert len(bert.split_train_eval(data, n_train=10_000, n_eval=100)[0]) == 500
    with pytest.raises(ValueError):
        bert.split_train_eval(data, n_train=10, n_eval=600)


def test_checkpoint_loads_with_from_pretrained_and_knows_every_word(fixture_dirs):
    checkpoint, data_dir = fixture_dirs
    tokenizer, model = bert.load_classifier(checkpoint, "cpu", num_labels=2)
    assert model.config.num_labels == 2 and model.config.hidden_size == 32
    assert model.config.num_hidden_layers == 2
    assert model.classifier.out_features == 2
    vocab = build_vocab()
    assert tokenizer.vocab_size == len(vocab)
    sentences = bert.load_data("offline", data_dir)["train"]["sentence"][:200]
    ids = tokenizer(list(sentences))["input_ids"]
    assert all(row[0] == tokenizer.cls_token_id and row[-1] == tokenizer.sep_token_id for row in ids)
    assert not any(tokenizer.unk_token_id in row for row in ids), "words came out as [UNK]"
    assert tokenizer.convert_ids_to_tokens(ids[0])[1:-1] == sentences[0].split()
    _, one = bert.load_classifier(checkpoint, "cpu", num_labels=1, problem_type="multi_label_classification")
    assert one.classifier.out_features == 1 and one.config.problem_type == "multi_label_classification"


def test_fine_tune_learns_and_is_deterministic(fixture_dirs):
    checkpoint, data_dir = fixture_dirs
    data = bert.load_data("offline", data_dir)
    tr_s, tr_y, ev_s, ev_y = bert.split_train_eval(data, n_train=400, n_eval=200, seed=1)
    runs = []
    for _ in range(2):
        torch.manual_seed(0)
        tokenizer, model = bert.load_classifier(checkpoint, "cpu", num_labels=2)
        losses = bert.fine_tune(model, tokenizer, tr_s, tr_y, "cpu", epochs=8, batch_size=32, lr=3e-3,
                                max_length=16, seed=0)
        logits = bert.predict_logits(model, tokenizer, ev_s, "cpu", max_length=16, batch_size=64)
        runs.append((losses, logits))
    losses, logits = runs[0]
    assert len(losses) == 8 * 13
    assert np.mean(losses[-10:]) < np.mean(losses[:5]) - 0.05, "the loss did not go down"
    assert logits.shape == (200, 2) and logits.dtype == torch.float32
    assert not model.training
    assert torch.equal(runs[1][1], logits) and runs[1][0] == losses
    acc = (logits.argmax(1).numpy() == ev_y).mean()
    assert acc > 0.6
    empty = bert.predict_logits(model, tokenizer, [], "cpu", max_length=16)
    assert empty.shape == (0, 2)


def test_prepare_offline_builds_the_fixture(tmp_path):
    source, reason, checkpoint, data = bert.prepare(str(tmp_path), {"HF_HUB_OFFLINE": "1"}, probe=_no_probe)
    assert (source, reason) == ("offline", "HF_HUB_OFFLINE is set")
    assert checkpoint == str(tmp_path / "checkpoint") and len(data["train"]) == 8_000


def test_prepare_falls_back_to_offline_when_the_download_fails(tmp_path, monkeypatch):
    # the Hub "answers" but nothing can be downloaded (the tests run with HF_HUB_OFFLINE=1)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    source, reason, checkpoint, _ = bert.prepare(str(tmp_path), {}, probe=lambda timeout: True)
    assert source == "offline" and reason.startswith("the download from the Hub failed")
    assert ":" not in reason  # the notebook's output mask stops at the first colon
    assert checkpoint == str(tmp_path / "checkpoint")
    # asked for explicitly, online fails loudly instead
    with pytest.raises(Exception):
        bert.prepare(str(tmp_path), {bert.SOURCE_ENV: "online"}, probe=_no_probe)
