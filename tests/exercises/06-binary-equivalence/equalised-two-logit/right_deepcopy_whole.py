# Right: deep-copies the whole network, swaps in a tied head built by hand, groups parameters by name.
import copy

import torch


def equalised_two_logit(model1, lr, weight_decay=0.0):
    if not isinstance(model1, torch.nn.Sequential) or len(model1) == 0:
        raise ValueError("need a non-empty nn.Sequential")
    last = model1[-1]
    if not isinstance(last, torch.nn.Linear) or last.out_features != 1:
        raise ValueError("the last module must be nn.Linear(h, 1)")
    model2 = copy.deepcopy(model1)
    w, b = last.weight.detach(), last.bias.detach()
    head = torch.nn.Linear(last.in_features, 2, dtype=w.dtype, device=w.device)
    with torch.no_grad():
        head.weight.copy_(torch.stack([-0.5 * w[0], 0.5 * w[0]]))
        head.bias.copy_(torch.stack([-0.5 * b[0], 0.5 * b[0]]))
    model2[-1] = head
    head_name = str(len(model2) - 1) + "."
    body = [p for name, p in model2.named_parameters() if not name.startswith(head_name)]
    groups = [{"params": list(head.parameters()), "lr": 0.5 * lr, "weight_decay": 2.0 * weight_decay}]
    if body:
        groups.insert(0, {"params": body, "lr": lr, "weight_decay": weight_decay})
    return model2, torch.optim.SGD(groups, lr=lr, momentum=0.0)
