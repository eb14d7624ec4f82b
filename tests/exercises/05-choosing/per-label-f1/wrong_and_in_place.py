# family 1 (input changed): saves memory with np.logical_and(t, p, out=t), which overwrites the
# caller's boolean y_true with the true positives (np.asarray makes no copy); the F1 values are right.
import numpy as np


def per_label_f1(y_true, y_pred):
    t = np.asarray(y_true)
    p = np.asarray(y_pred)
    if t.dtype != bool:
        t = t.astype(bool)
    if p.dtype != bool:
        p = p.astype(bool)
    present = t.sum(axis=0)
    predicted = p.sum(axis=0)
    tp = np.logical_and(t, p, out=t).sum(axis=0)
    denom = present + predicted          # 2 TP + FP + FN
    f1 = np.ones(t.shape[1])
    f1[denom > 0] = 2 * tp[denom > 0] / denom[denom > 0]
    return f1
