# Wrong: the CE gradient with its columns swapped, (p1 - y, -(p1 - y)) instead of (-(p1 - y), p1 - y).
import numpy as np
from scipy.special import expit


def logit_grads(z2, y):
    z2 = np.asarray(z2)
    g1 = (expit(z2[:, 1] - z2[:, 0]) - y).astype(z2.dtype)
    return g1, np.stack([g1, -g1], axis=1)
