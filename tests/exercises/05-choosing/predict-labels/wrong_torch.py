# Wrong: breaks "decided as exactly as float64 allows, also for thresholds very near 0 or 1": for float32 logits
# the sigmoid and the thresholds are float32 (1e-300 becomes 0, 1 - 1e-12 becomes 1), so sigma(-700) >= 1e-300 comes out True.
import numpy as np
import torch


def predict_labels(logits, thresholds):
    z = torch.as_tensor(np.asarray(logits))
    t = torch.as_tensor(np.asarray(thresholds), dtype=z.dtype)
    return (torch.sigmoid(z) >= t).numpy()
