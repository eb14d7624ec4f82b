# family 1 (input changed): sets labels.shape to a column for broadcasting; np.asarray
# returned the caller's own array, so the caller's labels are now of shape (n, 1).
import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError("label out of range")
    labels.shape = (-1, 1)
    return (labels == np.arange(n_classes)).astype(np.float64)
