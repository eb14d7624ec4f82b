# family 1 (input changed): writes the missing "num_labels" key into the caller's dict (from id2label)
# so that the rest of the function can read it.
def diagnose_head(config_dict, activation):
    if activation not in ("softmax", "sigmoid"):
        raise ValueError(f"activation must be 'softmax' or 'sigmoid', not {activation!r}")
    problem = config_dict.get("problem_type")
    if problem not in (None, "regression", "single_label_classification", "multi_label_classification"):
        raise ValueError(f"unknown problem_type {problem!r}")
    if "num_labels" not in config_dict:
        config_dict["num_labels"] = len(config_dict["id2label"])
    n = config_dict["num_labels"]
    if n not in (1, 2):
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
