# Right: precision and recall per label, then their harmonic mean, one label at a time.
import numpy as np


def per_label_f1(y_true, y_pred):
    t = np.asarray(y_true) != 0
    p = np.asarray(y_pred) != 0
    scores = []
    for k in range(t.shape[1]):
        tp = int(np.sum(t[:, k] & p[:, k]))
        fp = int(np.sum(~t[:, k] & p[:, k]))
        fn = int(np.sum(t[:, k] & ~p[:, k]))
        if tp + fp + fn == 0:
            scores.append(1.0)
        elif tp == 0:
            scores.append(0.0)
        else:
            precision, recall = tp / (tp + fp), tp / (tp + fn)
            scores.append(2 * precision * recall / (precision + recall))
    return np.array(scores, dtype=np.float64)
