# Wrong (family e): breaks "raise a ValueError for an unknown "labels_per_example"": recognises the kinds by their
# first word only, so "exactly_two", "zero_or_many" or "any" are silently accepted.
def choose_head(task):
    kind, n = task["labels_per_example"], task["n_classes"]
    if n < 1:
        raise ValueError("n_classes must be at least 1")
    if kind.startswith("any"):
        return ("sigmoid", "BCEWithLogitsLoss", int(n))
    if kind.startswith("zero"):
        k = n + 1
    elif kind.startswith("exactly"):
        k = n
    else:
        raise ValueError(f"unknown labels_per_example {kind!r}")
    if k < 2:
        raise ValueError("a single possible answer needs no model")
    return ("sigmoid", "BCEWithLogitsLoss", 1) if k == 2 else ("softmax", "CrossEntropyLoss", int(k))
