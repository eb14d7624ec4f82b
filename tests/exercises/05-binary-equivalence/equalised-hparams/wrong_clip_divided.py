# Wrong: divides max_norm by sqrt(2) instead of multiplying.
import math


def equalised_hparams(lr, weight_decay=0.0, max_norm=None):
    return lr / 2, 2 * weight_decay, None if max_norm is None else max_norm / math.sqrt(2)
