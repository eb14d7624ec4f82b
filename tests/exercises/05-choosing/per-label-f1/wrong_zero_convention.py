# family 5 (boundary: a label never present and never predicted).
# Wrong: counts a label that is never present and never predicted as F1 = 0 (sklearn's
# default), not 1.0 as asked.
import numpy as np


def per_label_f1(y_true, y_pred):
    t = np.asarray(y_true).astype(bool)
    p = np.asarray(y_pred).astype(bool)
    tp = (t & p).sum(axis=0)
    denom = 2 * tp + (t ^ p).sum(axis=0)
    return np.divide(2.0 * tp, denom, out=np.zeros(t.shape[1]), where=denom > 0)
