# family 5 (boundary): `>` where `>=` is meant, so a label equal to n_classes passes the
# check and becomes an all-zero row instead of a ValueError.
import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if labels.size and (labels.min() < 0 or labels.max() > n_classes):
        raise ValueError("label out of range")
    return (labels[:, None] == np.arange(n_classes)).astype(np.float64)
