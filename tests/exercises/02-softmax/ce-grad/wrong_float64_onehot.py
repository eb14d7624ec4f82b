# Wrong: np.eye(K)[labels] is float64, so a float32 batch gets a float64 gradient (dtype not kept).
import numpy as np


def cross_entropy_with_grad(logits, labels):
    n, k = logits.shape
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    probs = e / e.sum(axis=1, keepdims=True)
    loss = -(shifted[np.arange(n), labels] - np.log(e.sum(axis=1))).mean()
    return float(loss), (probs - np.eye(k)[labels]) / n
