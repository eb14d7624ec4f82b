# family 2 (shapes, dtypes, devices): p - y with integer labels promotes float32 to float64, so the dtype is not kept.
import numpy as np
from scipy.special import expit


def logit_grads(z2, y):
    z2 = np.asarray(z2)
    g1 = expit(z2[:, 1] - z2[:, 0]) - np.asarray(y, dtype=np.float64)
    return g1, np.stack([-g1, g1], axis=1)
