# family 6 (forbidden function): right in every value, dtype and shape, but it calls
# scipy.special.expit, which the exercise forbids.
import numpy as np
from scipy.special import expit


def stable_sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return expit(x)
