# family 2 (class count larger than any label seen): the width comes from the labels
# (max + 1), not from n_classes, so a class nobody was labelled with loses its column.
import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError("label out of range")
    width = labels.max() + 1 if labels.size else n_classes
    out = np.zeros((labels.shape[0], width))
    out[np.arange(labels.shape[0]), labels] = 1.0
    return out
