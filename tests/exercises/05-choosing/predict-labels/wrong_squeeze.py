# family 2 (batch of one): np.squeeze on the result "to return a flat label set" turns a batch of
# one, shape (1, L), into shape (L,).
import numpy as np
from scipy.special import expit


def predict_labels(logits, thresholds):
    return np.squeeze(expit(np.asarray(logits)) >= np.asarray(thresholds))
