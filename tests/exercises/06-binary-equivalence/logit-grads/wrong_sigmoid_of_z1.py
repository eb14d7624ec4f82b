# not one of the six families (the exercise's own logic): sigmoid of z1 alone (treating the 2-logit head like independent sigmoids) instead of z1 - z0.
import numpy as np
from scipy.special import expit


def logit_grads(z2, y):
    z2 = np.asarray(z2)
    g1 = (expit(z2[:, 1]) - y).astype(z2.dtype)
    return g1, np.stack([-g1, g1], axis=1)
