# family 1 (input changed): subtracts z0 from both logits "for stability" in place, which zeroes
# column 0 of the caller's array.
import numpy as np


def logit_grads(z2, y):
    z2 = np.asarray(z2)
    z2 -= z2[:, :1]
    z = z2[:, 1]
    e = np.exp(-np.abs(z))
    sig_pos = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    sig_neg = np.where(z >= 0, e / (1 + e), 1 / (1 + e))
    g1 = np.where(np.asarray(y) == 1, -sig_neg, sig_pos).astype(z2.dtype)
    return g1, np.stack([-g1, g1], axis=1)
