# not one of the six families (the exercise's own logic): reads config_dict["num_labels"], which config.to_dict() does not write (KeyError on real configs).
def diagnose_head(config_dict, activation):
    if activation not in ("softmax", "sigmoid"):
        raise ValueError(activation)
    problem = config_dict.get("problem_type")
    if problem not in (None, "regression", "single_label_classification", "multi_label_classification"):
        raise ValueError(problem)
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
