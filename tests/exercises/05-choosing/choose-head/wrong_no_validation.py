# family 5 (boundary: n_classes = 0, an unknown kind, a single answer).
# Wrong: right answers for valid tasks, but never raises ValueError (a typo such as
# "several" silently becomes a softmax task).
def choose_head(task):
    kind = task["labels_per_example"]
    n = task["n_classes"]
    if kind == "any_number":
        return ("sigmoid", "BCEWithLogitsLoss", n)
    outcomes = n + 1 if kind == "zero_or_one" else n
    if outcomes == 2:
        return ("sigmoid", "BCEWithLogitsLoss", 1)
    return ("softmax", "CrossEntropyLoss", outcomes)
