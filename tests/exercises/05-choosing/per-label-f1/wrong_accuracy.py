# Wrong: per-label accuracy (share of examples where the label is right), not F1.
import numpy as np


def per_label_f1(y_true, y_pred):
    t = np.asarray(y_true).astype(bool)
    p = np.asarray(y_pred).astype(bool)
    if t.shape[0] == 0:
        return np.ones(t.shape[1])
    return (t == p).mean(axis=0).astype(np.float64)
