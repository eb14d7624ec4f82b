# Wrong: changes the configuration in place but forgets to return it.
def configure_one_logit_head(config):
    config.num_labels = 1
    config.problem_type = "multi_label_classification"
