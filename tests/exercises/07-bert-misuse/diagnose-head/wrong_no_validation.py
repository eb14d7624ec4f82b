# not one of the six families (the exercise's own logic): never raises ValueError; an unknown activation or problem_type gets a diagnosis anyway.
def diagnose_head(config_dict, activation):
    problem = config_dict.get("problem_type")
    n = config_dict.get("num_labels", len(config_dict.get("id2label", {})))
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
