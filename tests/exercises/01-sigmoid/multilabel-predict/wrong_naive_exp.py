# Wrong: the naive sigmoid overflows (and warns) for a logit of -1000.
import numpy as np


def multilabel_predict(logits, threshold=0.5):
    logits = np.asarray(logits)
    probs = 1 / (1 + np.exp(-logits))
    return probs, probs >= threshold
