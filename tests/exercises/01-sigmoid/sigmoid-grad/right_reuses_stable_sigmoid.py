# Right: sigma'(x) = sigma(x) * sigma(-x), reusing stable_sigmoid from Exercise 1 (no 1 - s to cancel).
def sigmoid_grad(x):
    return stable_sigmoid(x) * stable_sigmoid(-x)
