# Wrong (breaks "leaves its arguments exactly as they were"): sets the out-of-range labels of the caller's array to 0
# so that the fancy indexing cannot fail, and only then raises the ValueError: the caller's labels are overwritten.
import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    bad = (labels < 0) | (labels >= n_classes)
    labels[bad] = 0
    out = np.zeros((labels.shape[0], n_classes))
    out[np.arange(labels.shape[0]), labels] = 1.0
    if bad.any():
        raise ValueError(f"labels must lie in [0, {n_classes})")
    return out
