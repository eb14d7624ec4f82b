# family 4 (0/0, caught under np.errstate(all="raise")).
# Wrong: the plain formula divides 0 by 0 for a label never present and never
# predicted: nan and a RuntimeWarning instead of 1.0.
import numpy as np


def per_label_f1(y_true, y_pred):
    t = np.asarray(y_true).astype(bool)
    p = np.asarray(y_pred).astype(bool)
    tp = (t & p).sum(axis=0)
    fp = (~t & p).sum(axis=0)
    fn = (t & ~p).sum(axis=0)
    return 2 * tp / (2 * tp + fp + fn)
