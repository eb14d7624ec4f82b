# Wrong (family a, input changed): breaks "Your function leaves its arguments exactly as they were (work on a
# copy)": builds the codes 2 t + p in place in np.asarray(y_true, dtype=np.int8) "to save memory"; for int8 labels
# asarray makes no copy, so the caller's y_true is doubled. (Other dtypes are copied and come back unchanged.)
import numpy as np


def per_label_f1(y_true, y_pred):
    codes = np.asarray(y_true, dtype=np.int8)
    codes *= 2
    codes += np.asarray(y_pred, dtype=np.int8)      # 0 = TN, 1 = FP, 2 = FN, 3 = TP
    tp = (codes == 3).sum(axis=0)
    fp = (codes == 1).sum(axis=0)
    fn = (codes == 2).sum(axis=0)
    denom = 2 * tp + fp + fn
    return np.divide(2.0 * tp, denom, out=np.ones(codes.shape[1]), where=denom > 0)
