# family 4 (global state): builds the tied head by hand and, to give it model1's dtype, switches
# torch's default dtype for the whole session with torch.set_default_dtype.
import copy

import torch


def equalised_two_logit(model1, lr, weight_decay=0.0):
    if not isinstance(model1, torch.nn.Sequential) or len(model1) == 0:
        raise ValueError("need a non-empty nn.Sequential")
    head1 = model1[-1]
    if not isinstance(head1, torch.nn.Linear) or head1.out_features != 1:
        raise ValueError("must end in nn.Linear(h, 1)")
    w, b = head1.weight.detach(), head1.bias.detach()
    torch.set_default_dtype(w.dtype)
    head2 = torch.nn.Linear(head1.in_features, 2, device=w.device)
    with torch.no_grad():
        head2.weight.copy_(torch.cat([-w / 2, w / 2]))
        head2.bias.copy_(torch.cat([-b / 2, b / 2]))
    body = copy.deepcopy(model1[:-1])
    model2 = torch.nn.Sequential(*body, head2)
    groups = [{"params": list(head2.parameters()), "lr": lr / 2, "weight_decay": 2 * weight_decay}]
    if list(body.parameters()):
        groups.insert(0, {"params": list(body.parameters()), "lr": lr, "weight_decay": weight_decay})
    return model2, torch.optim.SGD(groups, lr=lr)
