# family 2 (int32 labels): checks "integer labels" by comparing with int64 only, so
# int32 labels (the default on Windows, or from torch.int32) are rejected.
import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if labels.dtype != np.int64:
        raise ValueError(f"labels must be integers, got {labels.dtype}")
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError("label out of range")
    return np.eye(n_classes)[labels]
