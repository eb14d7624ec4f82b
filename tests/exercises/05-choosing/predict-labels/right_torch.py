# Right: torch's sigmoid (stable for any logit) and a broadcast comparison.
import numpy as np
import torch


def predict_labels(logits, thresholds):
    z = torch.as_tensor(np.asarray(logits))
    t = torch.as_tensor(np.asarray(thresholds), dtype=z.dtype)
    return (torch.sigmoid(z) >= t).numpy()
