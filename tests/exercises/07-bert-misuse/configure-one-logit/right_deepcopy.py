# Right: works on a deep copy, so the caller's configuration is left untouched.
import copy


def configure_one_logit_head(config):
    new = copy.deepcopy(config)
    new.id2label = {0: "LABEL_0"}
    new.label2id = {"LABEL_0": 0}
    new.problem_type = "multi_label_classification"
    return new
