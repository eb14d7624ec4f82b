# Wrong (rule broken: "It must not call `scipy.special.logsumexp`"): binds logsumexp through functools.partial at
# import time ("keepdims=True once for all"), then calls it; the forbidden function still does the max-shift.
import functools

import numpy as np
import scipy.special

_lse = functools.partial(scipy.special.logsumexp, keepdims=True)


def log_softmax(z, axis=-1):
    z = np.asarray(z)
    return (z - _lse(z, axis=axis)).astype(z.dtype, copy=False)
