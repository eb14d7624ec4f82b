# Wrong: the loss is the batch mean, but the gradient is not divided by the batch size N.
import numpy as np


def cross_entropy_with_grad(logits, labels):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    probs = e / e.sum(axis=1, keepdims=True)
    log_probs = shifted - np.log(e.sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(n), labels].mean()
    grad = probs.copy()
    grad[np.arange(n), labels] -= 1
    return float(loss), grad
