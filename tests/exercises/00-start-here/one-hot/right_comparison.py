# Right: compare each label with every class index (broadcasting), then cast.
import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    for label in labels:
        if not 0 <= label < n_classes:
            raise ValueError(f"label {label} is not in [0, {n_classes})")
    return (labels[:, None] == np.arange(n_classes)[None, :]).astype(np.float64)
