# family 1 (input changed): clips the caller's logits in place (out=) before a naive sigmoid, so
# exp never overflows; the decisions are right but the caller's logits of +-1000 become +-500.
import numpy as np


def predict_labels(logits, thresholds):
    z = np.asarray(logits)
    np.clip(z, -500.0, 500.0, out=z)
    return 1.0 / (1.0 + np.exp(-z)) >= np.asarray(thresholds)
