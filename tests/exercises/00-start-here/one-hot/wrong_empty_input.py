# family 2 (empty input): labels.max() on an empty array raises ValueError, so no labels crash it.
import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if labels.max() >= n_classes or labels.min() < 0:
        raise ValueError("label out of range")
    return np.eye(n_classes)[labels]
