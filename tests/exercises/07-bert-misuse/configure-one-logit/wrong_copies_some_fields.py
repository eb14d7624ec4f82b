# family 5 (boundary): builds a new BertConfig from the sizes it thinks matter, losing dropout, activation and the rest.
from transformers import BertConfig


def configure_one_logit_head(config):
    return BertConfig(vocab_size=config.vocab_size, hidden_size=config.hidden_size,
                      num_hidden_layers=config.num_hidden_layers,
                      num_attention_heads=config.num_attention_heads,
                      intermediate_size=config.intermediate_size,
                      max_position_embeddings=config.max_position_embeddings,
                      num_labels=1, problem_type="multi_label_classification")
