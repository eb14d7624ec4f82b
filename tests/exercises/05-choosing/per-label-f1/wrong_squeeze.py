# family 2 (batch of one): np.squeeze "to accept column vectors" turns one example of shape (1, L)
# into shape (L,), so the counts run over labels instead of examples.
import numpy as np


def per_label_f1(y_true, y_pred):
    t = np.squeeze(np.asarray(y_true).astype(bool))
    p = np.squeeze(np.asarray(y_pred).astype(bool))
    tp = (t & p).sum(axis=0)
    fp = (~t & p).sum(axis=0)
    fn = (t & ~p).sum(axis=0)
    denom = np.atleast_1d(2 * tp + fp + fn)
    f1 = np.ones(denom.shape)
    f1[denom > 0] = 2 * np.atleast_1d(tp)[denom > 0] / denom[denom > 0]
    return f1
