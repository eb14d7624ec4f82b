# Right: NumPy arithmetic with explicit factors (0.5, 2.0, 2 ** 0.5).
import numpy as np


def equalised_hparams(lr, weight_decay=0.0, max_norm=None):
    lr2 = np.multiply(lr, 0.5)
    weight_decay2 = np.multiply(weight_decay, 2.0)
    if max_norm is None:
        return lr2, weight_decay2, None
    return lr2, weight_decay2, np.multiply(max_norm, 2 ** 0.5)
