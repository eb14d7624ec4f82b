# not one of the six families (the exercise's own logic): takes half the difference (confuses 2 -> 1 with the tied split w1 = w/2), so the logit is halved.
import torch


def two_to_one_head(W2, b2):
    w = ((W2[1] - W2[0]) / 2).reshape(1, -1)
    b = ((b2[1] - b2[0]) / 2).reshape(1)
    return w, b
