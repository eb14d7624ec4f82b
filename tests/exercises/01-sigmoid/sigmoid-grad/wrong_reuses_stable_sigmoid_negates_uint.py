# Wrong (breaks "integers give float64", i.e. the derivative of the integer's value): sigma(x) * sigma(-x) with -x taken
# on the caller's dtype, so an unsigned input (uint8 3) negates to 253 and the result is sigma(3) * sigma(253).
def sigmoid_grad(x):
    return stable_sigmoid(x) * stable_sigmoid(-x)
