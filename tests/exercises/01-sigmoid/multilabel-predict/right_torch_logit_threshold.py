# Right: torch.sigmoid for the probabilities; labels by comparing logits with the threshold's
# log-odds, log(t / (1 - t)), since the sigmoid is increasing.
import math

import numpy as np
import torch


def multilabel_predict(logits, threshold=0.5):
    logits = np.asarray(logits)
    probs = torch.sigmoid(torch.from_numpy(logits)).numpy()
    labels = logits >= math.log(threshold / (1 - threshold))
    return probs, labels
