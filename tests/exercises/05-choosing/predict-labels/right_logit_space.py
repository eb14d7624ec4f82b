# Right: since the sigmoid is increasing, sigma(z) >= t exactly when z >= log(t / (1 - t)):
# move the thresholds to logit space instead of the logits to probability space.
import numpy as np


def predict_labels(logits, thresholds):
    t = np.asarray(thresholds, dtype=np.float64)
    return np.asarray(logits) >= np.log(t) - np.log1p(-t)
