# Wrong: keeps max_norm, but the 2-logit gradient norm is sqrt(2) times larger.
def equalised_hparams(lr, weight_decay=0.0, max_norm=None):
    return lr / 2, 2 * weight_decay, max_norm
