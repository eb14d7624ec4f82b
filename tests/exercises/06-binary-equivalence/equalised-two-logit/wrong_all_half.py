# not one of the six families (the exercise's own logic): halves the learning rate (and doubles the decay) of every parameter, the body's too,
# although the body receives the same gradient from both heads.
import copy

import torch
from utils.binary import tied_two_logit_head


def equalised_two_logit(model1, lr, weight_decay=0.0):
    if not isinstance(model1, torch.nn.Sequential) or len(model1) == 0:
        raise ValueError("need a non-empty nn.Sequential")
    if not isinstance(model1[-1], torch.nn.Linear) or model1[-1].out_features != 1:
        raise ValueError("must end in nn.Linear(h, 1)")
    model2 = torch.nn.Sequential(*copy.deepcopy(model1[:-1]), tied_two_logit_head(model1[-1]))
    return model2, torch.optim.SGD(model2.parameters(), lr=lr / 2, weight_decay=2 * weight_decay)
