# family 5 (boundary): builds a fresh default BertConfig, losing the hidden size, vocabulary and layers of the given one.
from transformers import BertConfig


def configure_one_logit_head(config):
    return BertConfig(num_labels=1, problem_type="multi_label_classification")
