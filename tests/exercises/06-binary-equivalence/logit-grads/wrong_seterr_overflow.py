# family 4 (global state): silences NumPy's overflow warnings for the whole session with np.seterr
# so that the plain 1 / (1 + exp(-t)) can overflow to inf quietly at large logits.
import numpy as np


def logit_grads(z2, y):
    np.seterr(over="ignore")
    z2 = np.asarray(z2)
    z = z2[:, 1] - z2[:, 0]

    def sig(t):
        return 1 / (1 + np.exp(-t))

    g1 = np.where(np.asarray(y) == 1, -sig(-z), sig(z)).astype(z2.dtype)
    return g1, np.stack([-g1, g1], axis=1)
