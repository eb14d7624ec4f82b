# family 3 (blind tail): a stable sigmoid, then sigma(z) - y; for y = 1 and z = 30 sigma(z) rounds to 1
# and the tiny gradient -sigma(-z) = -9.4e-14 comes out as 0.
import numpy as np


def logit_grads(z2, y):
    z2 = np.asarray(z2)
    z = z2[:, 1] - z2[:, 0]
    e = np.exp(-np.abs(z))
    p1 = np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(z2.dtype)
    g1 = p1 - np.asarray(y).astype(z2.dtype)
    return g1, np.stack([-g1, g1], axis=1)
