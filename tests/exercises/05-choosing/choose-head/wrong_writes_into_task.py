# family 1 (input changed): adds the "none" class by writing into the caller's dict
# (task["n_classes"] += 1), so the caller's task now has one class too many; the returned heads are right.
def choose_head(task):
    kind = task["labels_per_example"]
    if kind not in ("exactly_one", "zero_or_one", "any_number"):
        raise ValueError(f"unknown labels_per_example: {kind!r}")
    if task["n_classes"] < 1:
        raise ValueError("n_classes must be at least 1")
    if kind == "any_number":
        return ("sigmoid", "BCEWithLogitsLoss", int(task["n_classes"]))
    if kind == "zero_or_one":
        task["n_classes"] += 1            # the "none" class
    if task["n_classes"] < 2:
        raise ValueError("a single possible answer needs no classifier")
    if task["n_classes"] == 2:
        return ("sigmoid", "BCEWithLogitsLoss", 1)
    return ("softmax", "CrossEntropyLoss", int(task["n_classes"]))
