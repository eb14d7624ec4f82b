"""Settings for every test and every kernel the tests start (kernels inherit the environment)."""
import os

# Nothing may be downloaded at run time: transformers and huggingface_hub fail fast instead.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
