# Wrong: labels = logits > 0 is the rule for threshold 0.5 only; other thresholds are ignored.
import numpy as np
from scipy.special import expit


def multilabel_predict(logits, threshold=0.5):
    logits = np.asarray(logits)
    return expit(logits), logits > 0
