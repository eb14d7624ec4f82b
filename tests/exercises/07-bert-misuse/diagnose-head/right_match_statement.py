# Right: a match statement on (number of outputs, problem_type, activation).
def diagnose_head(config_dict, activation):
    if activation != "softmax" and activation != "sigmoid":
        raise ValueError("activation must be 'softmax' or 'sigmoid'")
    n = config_dict.get("num_labels")
    if n is None:
        n = len(config_dict["id2label"])
    problem = config_dict.get("problem_type")
    match (n, problem, activation):
        case (_, p, _) if p not in (None, "regression", "single_label_classification", "multi_label_classification"):
            raise ValueError(f"unknown problem_type {p!r}")
        case (k, _, _) if k not in (1, 2):
            return "not_binary"
        case (_, "regression", _) | (1, None, _):
            return "regression_not_classification"
        case (1, "single_label_classification", _):
            return "single_label_on_one_logit"
        case (2, "multi_label_classification", _):
            return "independent_labels_on_two_logits"
        case (2, _, "sigmoid"):
            return "sigmoid_on_two_logits"
        case (1, _, "softmax"):
            return "softmax_on_one_logit"
        case _:
            return "ok"
