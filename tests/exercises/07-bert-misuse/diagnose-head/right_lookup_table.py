# Right: normalise the config to (outputs, loss) and look the answer up in a table.
PROBLEMS = (None, "regression", "single_label_classification", "multi_label_classification")


def diagnose_head(config_dict, activation):
    if activation not in ("softmax", "sigmoid"):
        raise ValueError(f"unknown activation {activation!r}")
    problem = config_dict.get("problem_type", None)
    if problem not in PROBLEMS:
        raise ValueError(f"unknown problem_type {problem!r}")
    n = config_dict["num_labels"] if "num_labels" in config_dict else len(config_dict["id2label"])
    if n > 2 or n < 1:
        return "not_binary"
    if problem is None:  # what transformers would guess
        problem = "regression" if n == 1 else "single_label_classification"
    table = {
        (1, "regression"): "regression_not_classification",
        (2, "regression"): "regression_not_classification",
        (1, "single_label_classification"): "single_label_on_one_logit",
        (2, "multi_label_classification"): "independent_labels_on_two_logits",
    }
    if (n, problem) in table:
        return table[(n, problem)]
    wanted = "softmax" if n == 2 else "sigmoid"
    if activation == wanted:
        return "ok"
    return "sigmoid_on_two_logits" if n == 2 else "softmax_on_one_logit"
