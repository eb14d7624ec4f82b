# not one of the six families (the exercise's own logic): y - p instead of p - y (the direction of descent, not the gradient).
import numpy as np
from scipy.special import expit


def logit_grads(z2, y):
    z2 = np.asarray(z2)
    g1 = (np.asarray(y) - expit(z2[:, 1] - z2[:, 0])).astype(z2.dtype)
    return g1, np.stack([-g1, g1], axis=1)
