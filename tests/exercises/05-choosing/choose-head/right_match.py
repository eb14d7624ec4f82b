# Right: a match statement, one case per kind of task.
def choose_head(task):
    n = task["n_classes"]
    if n < 1:
        raise ValueError("n_classes must be at least 1")
    match task["labels_per_example"]:
        case "any_number":
            return ("sigmoid", "BCEWithLogitsLoss", n)
        case "exactly_one" if n == 2:
            return ("sigmoid", "BCEWithLogitsLoss", 1)
        case "exactly_one" if n > 2:
            return ("softmax", "CrossEntropyLoss", n)
        case "zero_or_one" if n == 1:
            return ("sigmoid", "BCEWithLogitsLoss", 1)
        case "zero_or_one":
            return ("softmax", "CrossEntropyLoss", n + 1)
        case _:
            raise ValueError(f"cannot choose a head for {task}")
