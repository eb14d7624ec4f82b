# family 5 (boundary): "not binary" only when there are more than two outputs, so num_labels=0 falls
# through the table and is called "ok".
def diagnose_head(config_dict, activation):
    if activation not in ("softmax", "sigmoid"):
        raise ValueError(f"activation must be 'softmax' or 'sigmoid', not {activation!r}")
    problem = config_dict.get("problem_type")
    if problem not in (None, "regression", "single_label_classification", "multi_label_classification"):
        raise ValueError(f"unknown problem_type {problem!r}")
    n = config_dict["num_labels"] if "num_labels" in config_dict else len(config_dict["id2label"])
    if n > 2:
        return "not_binary"
    if problem == "regression" or (problem is None and n == 1):
        return "regression_not_classification"
    if n == 1 and problem == "single_label_classification":
        return "single_label_on_one_logit"
    if n == 2 and problem == "multi_label_classification":
        return "independent_labels_on_two_logits"
    if n == 2 and activation == "sigmoid":
        return "sigmoid_on_two_logits"
    if n == 1 and activation == "softmax":
        return "softmax_on_one_logit"
    return "ok"
