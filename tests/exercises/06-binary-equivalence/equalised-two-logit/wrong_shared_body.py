# family 1 (input changed): reuses model1's body modules instead of copying them, so training model2 moves model1.
import torch
from utils.binary import tied_two_logit_head


def equalised_two_logit(model1, lr, weight_decay=0.0):
    if not isinstance(model1, torch.nn.Sequential) or len(model1) == 0:
        raise ValueError("need a non-empty nn.Sequential")
    if not isinstance(model1[-1], torch.nn.Linear) or model1[-1].out_features != 1:
        raise ValueError("must end in nn.Linear(h, 1)")
    body = list(model1)[:-1]
    model2 = torch.nn.Sequential(*body, tied_two_logit_head(model1[-1]))
    groups = [{"params": list(model2[-1].parameters()), "lr": lr / 2, "weight_decay": 2 * weight_decay}]
    body_params = [p for m in body for p in m.parameters()]
    if body_params:
        groups.append({"params": body_params, "lr": lr, "weight_decay": weight_decay})
    return model2, torch.optim.SGD(groups, lr=lr)
