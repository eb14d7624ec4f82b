# Wrong: halves the learning rate but leaves the weight decay as it is (decay on w1 - w0 then halves).
import math


def equalised_hparams(lr, weight_decay=0.0, max_norm=None):
    return lr / 2, weight_decay, None if max_norm is None else math.sqrt(2) * max_norm
