# Right: copies the body module by module, builds the optimiser on the head and adds the body with
# add_param_group.
import copy

import torch
from utils.binary import tied_two_logit_head


def equalised_two_logit(model1, lr, weight_decay=0.0):
    if not (isinstance(model1, torch.nn.Sequential) and len(model1) > 0):
        raise ValueError("model1 must be a non-empty Sequential")
    head1 = model1[len(model1) - 1]
    if not isinstance(head1, torch.nn.Linear) or head1.weight.shape[0] != 1:
        raise ValueError("model1 must end in nn.Linear(h, 1)")
    modules = [copy.deepcopy(m) for m in list(model1)[:-1]]
    head2 = tied_two_logit_head(head1)
    model2 = torch.nn.Sequential(*modules, head2)
    body_params = [p for m in modules for p in m.parameters()]
    opt = torch.optim.SGD(head2.parameters(), lr=lr / 2, weight_decay=weight_decay * 2)
    if body_params:
        opt.add_param_group({"params": body_params, "lr": lr, "weight_decay": weight_decay})
    return model2, opt
