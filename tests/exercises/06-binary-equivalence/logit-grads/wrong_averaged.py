# not one of the six families (the exercise's own logic): divides by the batch size (the gradient of the mean loss), not each example's own gradient.
import numpy as np
from scipy.special import expit


def logit_grads(z2, y):
    z2 = np.asarray(z2)
    n = z2.shape[0]
    g1 = ((expit(z2[:, 1] - z2[:, 0]) - y) / n).astype(z2.dtype)
    return g1, np.stack([-g1, g1], axis=1)
