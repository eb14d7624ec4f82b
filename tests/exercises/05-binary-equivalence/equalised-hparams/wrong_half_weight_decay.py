# Wrong: halves the weight decay along with the learning rate; it must be doubled.
import math


def equalised_hparams(lr, weight_decay=0.0, max_norm=None):
    return lr / 2, weight_decay / 2, None if max_norm is None else math.sqrt(2) * max_norm
