# not one of the six families (the exercise's own logic): row 0 gets w / 2 and row 1 gets -w / 2, so z1 - z0 = -z: the model predicts the other class.
import copy

import torch


def equalised_two_logit(model1, lr, weight_decay=0.0):
    if not isinstance(model1, torch.nn.Sequential) or len(model1) == 0:
        raise ValueError("need a non-empty nn.Sequential")
    last = model1[-1]
    if not isinstance(last, torch.nn.Linear) or last.out_features != 1:
        raise ValueError("must end in nn.Linear(h, 1)")
    body = copy.deepcopy(model1[:-1])
    head = torch.nn.Linear(last.in_features, 2, dtype=last.weight.dtype, device=last.weight.device)
    with torch.no_grad():
        head.weight.copy_(torch.cat([last.weight / 2, -last.weight / 2]))
        head.bias.copy_(torch.cat([last.bias / 2, -last.bias / 2]))
    model2 = torch.nn.Sequential(*body, head)
    groups = [{"params": list(head.parameters()), "lr": lr / 2, "weight_decay": 2 * weight_decay}]
    if list(body.parameters()):
        groups.append({"params": list(body.parameters()), "lr": lr, "weight_decay": weight_decay})
    return model2, torch.optim.SGD(groups, lr=lr)
