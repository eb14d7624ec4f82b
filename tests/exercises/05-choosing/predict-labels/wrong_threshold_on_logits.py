# family 5 (boundary: the threshold applied to the logit).
# Wrong: compares the logits with the thresholds, as if they were probabilities.
import numpy as np


def predict_labels(logits, thresholds):
    return np.asarray(logits) >= np.asarray(thresholds)
