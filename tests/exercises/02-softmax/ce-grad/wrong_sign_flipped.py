# Wrong: onehot - softmax instead of softmax - onehot (the gradient of the log-likelihood, not of the loss).
import numpy as np


def cross_entropy_with_grad(logits, labels):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    probs = e / e.sum(axis=1, keepdims=True)
    log_probs = shifted - np.log(e.sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(n), labels].mean()
    onehot = np.eye(logits.shape[1], dtype=logits.dtype)[labels]
    return float(loss), (onehot - probs) / n
