# family 5 (a field left stale): sets num_labels=1 and the problem type, then names the single output
# through id2label alone, so label2id keeps the old name and no longer inverts id2label.
def configure_one_logit_head(config):
    config.num_labels = 1
    config.problem_type = "multi_label_classification"
    config.id2label = {0: "positive"}
    return config
