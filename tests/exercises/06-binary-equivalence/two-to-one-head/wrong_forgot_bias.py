# not one of the six families (the exercise's own logic): subtracts the weight rows but keeps only class 1's bias (forgets b0).
import torch


def two_to_one_head(W2, b2):
    w = (W2[1] - W2[0]).reshape(1, -1)
    b = b2[1:].clone()
    return w, b
