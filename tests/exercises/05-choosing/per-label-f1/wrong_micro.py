# family: wrong formula (not one of the six families).
# Wrong: pools the counts of all labels (micro F1) and repeats that one number for
# every label instead of computing each label's own F1.
import numpy as np


def per_label_f1(y_true, y_pred):
    t = np.asarray(y_true).astype(bool)
    p = np.asarray(y_pred).astype(bool)
    tp, fp, fn = (t & p).sum(), (~t & p).sum(), (t & ~p).sum()
    denom = 2 * tp + fp + fn
    micro = 1.0 if denom == 0 else 2 * tp / denom
    return np.full(t.shape[1], micro, dtype=np.float64)
