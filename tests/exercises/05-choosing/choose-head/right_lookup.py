# Right: counts the exclusive outcomes through a lookup table, then one rule for all
# exclusive tasks.
EXTRA = {"exactly_one": 0, "zero_or_one": 1}


def choose_head(task):
    kind, n = task["labels_per_example"], int(task["n_classes"])
    if n < 1:
        raise ValueError("n_classes must be positive")
    if kind == "any_number":
        return "sigmoid", "BCEWithLogitsLoss", n
    if kind not in EXTRA:
        raise ValueError(f"unknown labels_per_example {kind!r}")
    k = n + EXTRA[kind]
    if k == 1:
        raise ValueError("only one possible answer")
    return ("sigmoid", "BCEWithLogitsLoss", 1) if k == 2 else ("softmax", "CrossEntropyLoss", k)
