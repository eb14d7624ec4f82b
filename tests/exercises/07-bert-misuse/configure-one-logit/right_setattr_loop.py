# Right: set both attributes with setattr from a dict of the required settings.
REQUIRED = {"num_labels": 1, "problem_type": "multi_label_classification"}


def configure_one_logit_head(config):
    for name, value in REQUIRED.items():
        setattr(config, name, value)
    assert config.num_labels == 1
    return config
