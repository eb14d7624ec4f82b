# family 5 (boundary: two labels read as one binary question).
# Wrong: applies the binary shortcut (one logit) to two independent labels as well,
# although two labels that can both be true need two outputs.
def choose_head(task):
    kind = task["labels_per_example"]
    n = task["n_classes"]
    if kind not in ("exactly_one", "zero_or_one", "any_number") or n < 1:
        raise ValueError("bad task")
    outcomes = n + 1 if kind == "zero_or_one" else n
    if kind == "exactly_one" and n < 2:
        raise ValueError("one class needs no model")
    if outcomes <= 2:
        return ("sigmoid", "BCEWithLogitsLoss", 1)
    if kind == "any_number":
        return ("sigmoid", "BCEWithLogitsLoss", n)
    return ("softmax", "CrossEntropyLoss", outcomes)
