# family 4 (warnings switched off): divides 0 by 0 after np.seterr(invalid="ignore") and patches
# the nan to 1.0; the numbers are right, but the global setting stays changed and 0/0 still happens.
import numpy as np


def per_label_f1(y_true, y_pred):
    np.seterr(invalid="ignore")
    t = np.asarray(y_true).astype(bool)
    p = np.asarray(y_pred).astype(bool)
    tp = (t & p).sum(axis=0)
    fp = (~t & p).sum(axis=0)
    fn = (t & ~p).sum(axis=0)
    f1 = 2 * tp / (2 * tp + fp + fn)
    return np.nan_to_num(f1, nan=1.0)
