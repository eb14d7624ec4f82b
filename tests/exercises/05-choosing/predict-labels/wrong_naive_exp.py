# family 4 (overflow, caught under np.errstate(all="raise")).
# Wrong: the naive sigmoid 1 / (1 + exp(-z)) overflows for z = -1000 (RuntimeWarning).
import numpy as np


def predict_labels(logits, thresholds):
    z = np.asarray(logits)
    return 1.0 / (1.0 + np.exp(-z)) >= np.asarray(thresholds)
