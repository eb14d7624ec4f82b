# family: wrong rule (not one of the six families).
# Wrong: decides by the number of classes only (2 -> sigmoid, more -> softmax), so a
# multi-label task with many labels gets a softmax.
def choose_head(task):
    kind = task["labels_per_example"]
    n = task["n_classes"]
    if kind not in ("exactly_one", "zero_or_one", "any_number") or n < 1:
        raise ValueError("bad task")
    if kind == "exactly_one" and n < 2:
        raise ValueError("bad task")
    if n <= 2:
        return ("sigmoid", "BCEWithLogitsLoss", 1)
    return ("softmax", "CrossEntropyLoss", n + (kind == "zero_or_one"))
