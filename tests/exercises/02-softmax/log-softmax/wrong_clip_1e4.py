# Wrong (contract: "it must be finite for every finite input ... log_softmax(np.array([0.0, -1000.0])) is
# [0.0, -1000.0]", accurate to 50 eps): clips the logits to [-1e4, 1e4] "for safety", so log_softmax([0, -2e4])
# gives [0, -1e4] instead of [0, -2e4].
import numpy as np


def log_softmax(z, axis=-1):
    z = np.clip(np.asarray(z), -1e4, 1e4)
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
