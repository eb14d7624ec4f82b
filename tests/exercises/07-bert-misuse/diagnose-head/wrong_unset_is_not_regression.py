# not one of the six families (the exercise's own logic): only problem_type == "regression" counts as regression; an unset problem_type with 1 label is missed.
def diagnose_head(config_dict, activation):
    if activation not in ("softmax", "sigmoid"):
        raise ValueError(activation)
    problem = config_dict.get("problem_type")
    if problem not in (None, "regression", "single_label_classification", "multi_label_classification"):
        raise ValueError(problem)
    n = config_dict.get("num_labels", len(config_dict.get("id2label", {})))
    if n not in (1, 2):
        return "not_binary"
    if problem == "regression":
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
