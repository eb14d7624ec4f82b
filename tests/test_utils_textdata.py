"""Unit tests of utils.textdata (the generated text task and calibration helpers of notebook 07)."""
from __future__ import annotations

import numpy as np
import pytest

from utils.textdata import (SPECIAL_TOKENS, build_vocab, expected_calibration_error,
                            make_sentiment_data, reliability_table)


def test_vocab_starts_with_the_special_tokens_and_has_unique_ids():
    vocab = build_vocab()
    assert [vocab[t] for t in SPECIAL_TOKENS] == [0, 1, 2, 3, 4]
    assert sorted(vocab.values()) == list(range(len(vocab)))
    assert build_vocab() == vocab


def test_every_generated_word_is_in_the_vocab():
    vocab = build_vocab()
    sentences, _ = make_sentiment_data(500, seed=1)
    words = {w for s in sentences for w in s.split()}
    assert words <= set(vocab), words - set(vocab)


def test_data_is_seeded_balanced_and_typed():
    s1, y1 = make_sentiment_data(400, seed=3)
    s2, y2 = make_sentiment_data(400, seed=3)
    s3, _ = make_sentiment_data(400, seed=4)
    assert s1 == s2 and np.array_equal(y1, y2)
    assert s1 != s3
    assert y1.dtype == np.int64 and y1.shape == (400,)
    assert set(np.unique(y1)) == {0, 1}
    assert 0.35 < y1.mean() < 0.65
    assert make_sentiment_data(0)[1].shape == (0,)


def test_negation_flips_the_label():
    sentences, labels = make_sentiment_data(2000, seed=0)
    lookup = dict(zip(sentences, labels))
    assert lookup.get("not bad at all", 1) == 1
    assert lookup.get("not good at all", 0) == 0
    for text, label in lookup.items():
        if text.startswith("the film was not good") or text == "i did not like the film":
            assert label == 0, text
        if text in ("the film was good", "i did not hate the film"):
            assert label == 1, text
    # the same opinion word appears with both labels: the words alone do not decide
    with_good = {lab for s, lab in lookup.items() if "good" in s.split()}
    assert with_good == {0, 1}


def test_label_noise_flips_about_that_fraction():
    s, clean = make_sentiment_data(4000, seed=5)
    s_noisy, noisy = make_sentiment_data(4000, seed=5, label_noise=0.1)
    assert len(s_noisy) == 4000
    flipped = np.mean([lab != dict(zip(s, clean))[t] for t, lab in zip(s_noisy, noisy)])
    assert 0.06 < flipped < 0.14
    with pytest.raises(ValueError):
        make_sentiment_data(10, label_noise=0.5)
    with pytest.raises(ValueError):
        make_sentiment_data(-1)


def test_reliability_table_bins_and_counts():
    prob = np.array([0.05, 0.05, 0.95, 1.0, 0.55])
    labels = np.array([0, 1, 1, 1, 0])
    mean_prob, freq, count = reliability_table(prob, labels, n_bins=10)
    assert count.tolist() == [2, 0, 0, 0, 0, 1, 0, 0, 0, 2]
    assert mean_prob[0] == pytest.approx(0.05) and freq[0] == pytest.approx(0.5)
    assert np.isnan(mean_prob[1]) and np.isnan(freq[1])
    assert mean_prob[9] == pytest.approx(0.975) and freq[9] == 1.0
    with pytest.raises(ValueError):
        reliability_table(np.array([1.5]), np.array([1]))


def test_ece_is_zero_when_calibrated_and_large_when_not():
    rng = np.random.default_rng(0)
    prob = rng.random(200_000)
    labels = (rng.random(200_000) < prob).astype(int)
    assert expected_calibration_error(prob, labels) < 0.01
    assert expected_calibration_error(np.full(10, 0.99), np.zeros(10)) == pytest.approx(0.99)
    assert expected_calibration_error(np.array([0.0, 1.0]), np.array([0, 1])) == 0.0


def test_log_odds_follow_the_opinion_word_intensifier_and_negation():
    from utils.textdata import INTENSIFIER_FACTOR, NEGATION_FACTOR, WORD_STRENGTH, sentence_log_odds

    assert sentence_log_odds("the film was good") == WORD_STRENGTH["good"]
    assert sentence_log_odds("the film was very good") == pytest.approx(WORD_STRENGTH["good"] * INTENSIFIER_FACTOR)
    assert sentence_log_odds("not bad at all") == pytest.approx(WORD_STRENGTH["bad"] * NEGATION_FACTOR)
    assert sentence_log_odds("not bad at all") > 0 > sentence_log_odds("the plot was bad")
    assert sentence_log_odds("i did not hate it") == pytest.approx(WORD_STRENGTH["hate"] * NEGATION_FACTOR)
    with pytest.raises(ValueError):
        sentence_log_odds("the film was")


def test_graded_data_draws_labels_from_its_probabilities():
    from utils.textdata import make_graded_sentiment_data, sentence_log_odds

    s, y, p = make_graded_sentiment_data(20_000, seed=2)
    s2, y2, p2 = make_graded_sentiment_data(20_000, seed=2)
    assert s == s2 and np.array_equal(y, y2) and np.array_equal(p, p2)
    assert y.dtype == np.int64 and p.dtype == np.float64 and y.shape == p.shape == (20_000,)
    assert np.allclose(p[:50], [1 / (1 + np.exp(-sentence_log_odds(t))) for t in s[:50]])
    # every tenth of [0, 1] holds sentences: a calibrated model fills every bin of a reliability diagram
    _, _, count = reliability_table(p, y, n_bins=10)
    assert (count > 200).all(), count
    # the labels follow the probabilities
    assert expected_calibration_error(p, y, n_bins=10) < 0.02
    assert make_graded_sentiment_data(0)[1].shape == (0,)
    with pytest.raises(ValueError):
        make_graded_sentiment_data(-1)


def test_vocab_file_builds_a_tokenizer_on_any_transformers_version(tmp_path):
    pytest.importorskip("transformers")
    from transformers import BertTokenizer

    from utils.textdata import write_vocab_file

    vocab = build_vocab()
    path = write_vocab_file(str(tmp_path / "vocab.txt"))
    lines = (tmp_path / "vocab.txt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(vocab, key=vocab.get)
    tokenizer = BertTokenizer(path)  # positional: vocab_file in 4.x, vocab in 5.x
    ids = tokenizer("the film was not good")["input_ids"]
    assert tokenizer.unk_token_id not in ids and len(ids) == 7
    with pytest.raises(ValueError):
        write_vocab_file(str(tmp_path / "bad.txt"), {"a": 0, "b": 2})
