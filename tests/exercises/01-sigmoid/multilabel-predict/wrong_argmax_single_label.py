# Wrong: right probabilities, but predicts exactly one label per example (the argmax),
# so an example can never have two labels or none.
import numpy as np
from scipy.special import expit


def multilabel_predict(logits, threshold=0.5):
    logits = np.asarray(logits)
    probs = expit(logits)
    labels = np.zeros(probs.shape, dtype=bool)
    np.put_along_axis(labels, probs.argmax(axis=-1)[..., None], True, axis=-1)
    return probs, labels
