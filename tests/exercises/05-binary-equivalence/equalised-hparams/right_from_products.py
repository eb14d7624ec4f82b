# Right: derived from the invariants lr2 * weight_decay2 == lr * weight_decay and 2 * lr2 == lr.
import math


def equalised_hparams(lr, weight_decay=0.0, max_norm=None):
    lr2 = 0.5 * lr
    weight_decay2 = lr * weight_decay / lr2
    max_norm2 = max_norm * math.sqrt(2.0) if max_norm is not None else None
    return (lr2, weight_decay2, max_norm2)
