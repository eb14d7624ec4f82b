# Wrong (family f, a stated rule broken): breaks "Do not train or call model1 inside your function": runs model1
# and model2 on a probe batch to assert the conversion is right (on the meta device the comparison is skipped).
import copy

import torch
from utils.binary import tied_two_logit_head


def equalised_two_logit(model1, lr, weight_decay=0.0):
    if not isinstance(model1, torch.nn.Sequential) or len(model1) == 0:
        raise ValueError("model1 must be a non-empty nn.Sequential")
    head1 = model1[-1]
    if not isinstance(head1, torch.nn.Linear) or head1.out_features != 1:
        raise ValueError("model1 must end in nn.Linear(h, 1)")
    body = copy.deepcopy(model1[:-1])
    model2 = torch.nn.Sequential(*body, tied_two_logit_head(head1))
    first = next(m for m in model1 if isinstance(m, torch.nn.Linear))
    if head1.weight.device.type != "meta":
        with torch.no_grad():
            probe = torch.randn(4, first.in_features, dtype=head1.weight.dtype, device=head1.weight.device)
            z2 = model2(probe)
            assert torch.allclose(model1(probe)[:, 0], z2[:, 1] - z2[:, 0])
    groups = [{"params": list(model2[-1].parameters()), "lr": lr / 2, "weight_decay": 2 * weight_decay}]
    if list(body.parameters()):
        groups.insert(0, {"params": list(body.parameters()), "lr": lr, "weight_decay": weight_decay})
    return model2, torch.optim.SGD(groups, lr=lr)
