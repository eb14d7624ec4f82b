# family: wrong rule (not one of the six families).
# Wrong: zero-or-one tasks get a softmax over the K classes only, with no "none" class
# (so the model can never answer "none of them").
def choose_head(task):
    kind = task["labels_per_example"]
    n = task["n_classes"]
    if kind not in ("exactly_one", "zero_or_one", "any_number") or n < 1:
        raise ValueError("bad task")
    if kind == "any_number":
        return ("sigmoid", "BCEWithLogitsLoss", n)
    if n < 2:
        if kind == "exactly_one":
            raise ValueError("one class needs no model")
        return ("sigmoid", "BCEWithLogitsLoss", 1)
    if n == 2 and kind == "exactly_one":
        return ("sigmoid", "BCEWithLogitsLoss", 1)
    return ("softmax", "CrossEntropyLoss", n)
