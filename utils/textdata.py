"""A small generated text task for notebook 07, and the calibration measures it uses.

No labelled text data set ships inside a common package under a clear licence, and
the course never downloads anything, so notebook 07 trains its BERT model on short
sentiment-like sentences generated here from a fixed vocabulary. Negation makes the
task more than a bag of words: ``"the film was good"`` is positive, ``"the film was
not good"`` negative, ``"not bad at all"`` positive again. The label is the polarity
of the opinion word, flipped by a negation, and optionally flipped at random
(``label_noise``) so that a trained model cannot be certain of every sentence.

:func:`make_graded_sentiment_data` draws each label from a probability that depends on
the sentence (a strong word such as "awful" is almost always meant, a mild one such as
"silly" or a negated one such as "not bad" much less often), so that a reliability diagram
of a model trained on it has points all along [0, 1].

Everything is plain Python and NumPy; ``transformers`` is not imported here. To build a
tokenizer from :func:`build_vocab`, write the tokens one per line to a ``vocab.txt`` and
pass its path to ``BertTokenizer`` as the first positional argument: that works on
``transformers`` 4.x (where it is ``vocab_file``) and 5.x (where it is ``vocab``).
"""
from __future__ import annotations

import numpy as np

SPECIAL_TOKENS: tuple[str, ...] = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
"""BERT's special tokens, in the order that gives them the ids 0 to 4."""

SUBJECTS: tuple[str, ...] = ("the film", "the movie", "the plot", "the acting",
                             "the ending", "this show", "the music")
LINKING_VERBS: tuple[str, ...] = ("was", "is", "seemed", "felt")
INTENSIFIERS: tuple[str, ...] = ("very", "really", "quite", "so")
POSITIVE_ADJECTIVES: tuple[str, ...] = ("good", "great", "fun", "moving", "clever", "lovely")
NEGATIVE_ADJECTIVES: tuple[str, ...] = ("bad", "boring", "dull", "awful", "silly", "weak")
POSITIVE_VERBS: tuple[str, ...] = ("liked", "enjoyed", "loved")
NEGATIVE_VERBS: tuple[str, ...] = ("hated", "disliked")
FILLER: tuple[str, ...] = ("i", "did", "not", "at", "all", "overall", "never", "like",
                           "enjoy", "love", "hate", "dislike", "it", "really")

# base forms after "did not": "i did not like it"
_BASE_FORM: dict[str, str] = {"liked": "like", "enjoyed": "enjoy", "loved": "love",
                              "hated": "hate", "disliked": "dislike"}


def build_vocab() -> dict[str, int]:
    """The vocabulary of the task: every word the generator can produce, and BERT's specials.

    Returns:
        A dict from token to id: the special tokens first (``[PAD]`` = 0, ``[UNK]`` = 1,
        ``[CLS]`` = 2, ``[SEP]`` = 3, ``[MASK]`` = 4), then every other word once, in
        sorted order, so the ids never depend on the order of the tuples above.
    """
    words: set[str] = set()
    for group in (SUBJECTS, LINKING_VERBS, INTENSIFIERS, POSITIVE_ADJECTIVES,
                  NEGATIVE_ADJECTIVES, POSITIVE_VERBS, NEGATIVE_VERBS, FILLER):
        for phrase in group:
            words.update(phrase.split())
    tokens = list(SPECIAL_TOKENS) + sorted(words - set(SPECIAL_TOKENS))
    return {token: i for i, token in enumerate(tokens)}


def _sentence(rng: np.random.Generator) -> tuple[str, int]:
    """One sentence and its clean label (1 = positive), drawn from three templates."""
    template = int(rng.integers(3))
    negated = bool(rng.random() < 0.5)
    if template == 2:  # "i (did not) like the film"
        positive = bool(rng.random() < 0.5)
        verb = str(rng.choice(POSITIVE_VERBS if positive else NEGATIVE_VERBS))
        obj = str(rng.choice(SUBJECTS + ("it",)))
        middle = f"did not {_BASE_FORM[verb]}" if negated else verb
        return f"i {middle} {obj}", int(positive != negated)
    positive = bool(rng.random() < 0.5)
    adjective = str(rng.choice(POSITIVE_ADJECTIVES if positive else NEGATIVE_ADJECTIVES))
    if template == 0:  # "the film was (not) (very) good"
        words = [str(rng.choice(SUBJECTS)), str(rng.choice(LINKING_VERBS))]
        if negated:
            words.append(str(rng.choice(("not", "never"))))
        if rng.random() < 0.4:
            words.append(str(rng.choice(INTENSIFIERS)))
        words.append(adjective)
        return " ".join(words), int(positive != negated)
    # template 1: "not bad at all" / "really good overall"
    if negated:
        return f"not {adjective} at all", int(not positive)
    return f"{rng.choice(INTENSIFIERS)} {adjective} overall", int(positive)


def make_sentiment_data(n: int, seed: int = 0, label_noise: float = 0.0
                        ) -> tuple[list[str], np.ndarray]:
    """Generate ``n`` labelled sentences of the negation-sentiment task.

    Args:
        n: number of sentences (``n >= 0``).
        seed: seed of the ``numpy.random.Generator`` that draws everything: the same
            seed always gives the same sentences and labels.
        label_noise: probability, in ``[0, 0.5)``, that a label is flipped at random.
            With ``label_noise > 0`` no model can be right on every sentence, which
            gives calibration something to measure.

    Returns:
        ``(sentences, labels)``: a list of ``n`` lower-case strings, and an ``int64``
        array of shape ``(n,)`` with 1 for positive and 0 for negative.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, not {n}")
    if not 0.0 <= label_noise < 0.5:
        raise ValueError(f"label_noise must lie in [0, 0.5), not {label_noise}")
    rng = np.random.default_rng(seed)
    sentences: list[str] = []
    labels = np.empty(n, dtype=np.int64)
    for i in range(n):
        text, label = _sentence(rng)
        if rng.random() < label_noise:
            label = 1 - label
        sentences.append(text)
        labels[i] = label
    return sentences, labels


def reliability_table(prob: np.ndarray, labels: np.ndarray, n_bins: int = 10
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bin the predicted P(class 1) and compare it with how often class 1 really occurs.

    Bins are ``n_bins`` equal-width intervals of [0, 1]; a probability of exactly 1.0
    falls in the last bin.

    Args:
        prob: predicted probabilities of class 1, shape ``(n,)``, values in [0, 1].
        labels: true labels in {0, 1}, shape ``(n,)``.
        n_bins: number of bins.

    Returns:
        ``(mean_prob, frequency, count)``, each of shape ``(n_bins,)``: the mean predicted
        probability in each bin, the fraction of labels equal to 1 in it, and the number
        of examples in it. Empty bins hold ``nan`` in the first two arrays and 0 in ``count``.
    """
    prob = np.asarray(prob, dtype=np.float64).ravel()
    labels = np.asarray(labels, dtype=np.float64).ravel()
    if prob.shape != labels.shape:
        raise ValueError(f"prob and labels must have the same length, not {prob.shape} and {labels.shape}")
    if prob.size and (prob.min() < 0.0 or prob.max() > 1.0):
        raise ValueError("prob must lie in [0, 1]")
    which = np.minimum((prob * n_bins).astype(np.int64), n_bins - 1)
    count = np.bincount(which, minlength=n_bins)
    sum_prob = np.bincount(which, weights=prob, minlength=n_bins)
    sum_label = np.bincount(which, weights=labels, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_prob = np.where(count > 0, sum_prob / np.maximum(count, 1), np.nan)
        frequency = np.where(count > 0, sum_label / np.maximum(count, 1), np.nan)
    return mean_prob, frequency, count


def expected_calibration_error(prob: np.ndarray, labels: np.ndarray, n_bins: int = 10) -> float:
    """Expected calibration error of a predicted P(class 1).

    ``ECE = sum_b (n_b / n) * |mean_prob_b - frequency_b|`` over the bins of
    :func:`reliability_table`: 0 for a perfectly calibrated predictor, at most 1.
    """
    mean_prob, frequency, count = reliability_table(prob, labels, n_bins)
    total = count.sum()
    if total == 0:
        raise ValueError("no examples")
    full = count > 0
    return float(np.sum(count[full] / total * np.abs(mean_prob[full] - frequency[full])))


WORD_STRENGTH: dict[str, float] = {
    "good": 1.5, "great": 3.0, "fun": 1.0, "moving": 0.6, "clever": 1.2, "lovely": 2.2,
    "bad": -1.5, "boring": -1.2, "dull": -0.9, "awful": -3.0, "silly": -0.4, "weak": -0.8,
    "liked": 1.0, "enjoyed": 1.5, "loved": 3.0, "hated": -3.0, "disliked": -1.2,
    "like": 1.0, "enjoy": 1.5, "love": 3.0, "hate": -3.0, "dislike": -1.2,
}
"""Log-odds of "positive" carried by each opinion word (base forms after "did not" included)."""

INTENSIFIER_FACTOR: float = 1.6
"""An intensifier ("very", "really", "quite", "so") multiplies the log-odds by this."""

NEGATION_FACTOR: float = -0.6
"""A negation ("not", "never") flips the sign and weakens the opinion: "not bad" is mildly positive."""


def sentence_log_odds(text: str) -> float:
    """The log-odds of "positive" that :func:`make_graded_sentiment_data` gives a sentence.

    The opinion word's strength (:data:`WORD_STRENGTH`), times :data:`INTENSIFIER_FACTOR`
    if an intensifier is present, times :data:`NEGATION_FACTOR` if a negation is present.

    Raises:
        ValueError: if the sentence has no opinion word.
    """
    words = text.split()
    opinion = [w for w in words if w in WORD_STRENGTH]
    if len(opinion) != 1:
        raise ValueError(f"expected exactly one opinion word in {text!r}, found {opinion}")
    score = WORD_STRENGTH[opinion[0]]
    if any(w in INTENSIFIERS for w in words):
        score *= INTENSIFIER_FACTOR
    if "not" in words or "never" in words:
        score *= NEGATION_FACTOR
    return score


def make_graded_sentiment_data(n: int, seed: int = 0) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Generate ``n`` sentences whose labels are drawn from sentence-dependent probabilities.

    The sentences come from the same templates as :func:`make_sentiment_data`. Each label
    is 1 with probability ``sigmoid(sentence_log_odds(sentence))``: about 0.02 for
    "so awful overall", 0.40 for "the plot was silly", 0.82 for "i did not hate it", 0.98
    for "so great overall". Even the best possible model is uncertain about most
    sentences, to varying degrees: what a reliability diagram needs.

    Args:
        n: number of sentences (``n >= 0``).
        seed: seed of the ``numpy.random.Generator`` that draws everything.

    Returns:
        ``(sentences, labels, prob)``: ``n`` strings, an ``int64`` array of labels in {0, 1},
        and the ``float64`` array of the probabilities the labels were drawn from.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, not {n}")
    rng = np.random.default_rng(seed)
    sentences: list[str] = []
    prob = np.empty(n, dtype=np.float64)
    for i in range(n):
        text, _ = _sentence(rng)
        sentences.append(text)
        prob[i] = 1.0 / (1.0 + np.exp(-sentence_log_odds(text)))
    labels = (rng.random(n) < prob).astype(np.int64)
    return sentences, labels, prob


def write_vocab_file(path: str, vocab: dict[str, int] | None = None) -> str:
    """Write a BERT ``vocab.txt``: one token per line, line ``i`` holding the token of id ``i``.

    Args:
        path: the file to write.
        vocab: token -> id with ids ``0 .. len(vocab) - 1``; :func:`build_vocab` by default.

    Returns:
        ``path``, to pass straight to ``BertTokenizer(path)``.
    """
    vocab = build_vocab() if vocab is None else vocab
    ordered = sorted(vocab, key=vocab.__getitem__)
    if [vocab[t] for t in ordered] != list(range(len(vocab))):
        raise ValueError("the ids of vocab must be 0 .. len(vocab) - 1, each once")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(token + "\n" for token in ordered))
    return path
