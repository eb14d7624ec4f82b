# Wrong: an integer array, not float64 (np.eye(..., dtype=int)).
import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError("label out of range")
    return np.eye(n_classes, dtype=int)[labels]
