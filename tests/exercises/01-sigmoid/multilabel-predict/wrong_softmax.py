# Wrong: a softmax over the labels makes them compete; probabilities sum to 1 per example.
import numpy as np


def multilabel_predict(logits, threshold=0.5):
    logits = np.asarray(logits)
    z = logits - logits.max(axis=-1, keepdims=True)
    probs = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)
    return probs, probs >= threshold
