# Right: counts with float arithmetic (products of 0/1 values) and np.divide with a
# default of 1.0 where the denominator is zero.
import numpy as np


def per_label_f1(y_true, y_pred):
    t = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    tp = (t * p).sum(axis=0)
    wrong = np.abs(t - p).sum(axis=0)       # false positives + false negatives
    denom = 2 * tp + wrong
    return np.divide(2 * tp, denom, out=np.ones_like(denom), where=denom > 0)
