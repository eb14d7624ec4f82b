# family 3 (blind tail): clips the logits to [-30, 30] before the sigmoid "to avoid overflow":
# right for thresholds in the middle, wrong for thresholds below sigma(-30) = 9e-14 or above sigma(30).
import numpy as np
from scipy.special import expit


def predict_labels(logits, thresholds):
    z = np.clip(np.asarray(logits), -30.0, 30.0)
    return expit(z) >= np.asarray(thresholds)
