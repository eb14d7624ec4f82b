# family 1 (input changed): subtracts in place, so the caller's W2 and b2 are overwritten.
import torch


def two_to_one_head(W2, b2):
    W2[1] -= W2[0]
    b2[1] -= b2[0]
    return W2[1:], b2[1:]
