"""The one place that keeps every library away from model hubs, telemetry and idle analytics.

Imported first by the ``advisor`` package, so it runs before transformers, huggingface_hub,
chromadb, gradio or ragas read their environment.
"""

import os

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_DATASETS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "RAGAS_DO_NOT_TRACK": "true",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "LANGSMITH_TRACING": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    # Gradio's queue rebuilds a pandas DataFrame of its event analytics after every chat event (for a
    # monitoring page we do not serve): CPU per answer, and pandas 3 deprecation warnings
    "GRADIO_ANALYTICS_CACHE_FREQUENCY": str(10**9),
}


def enforce_offline() -> None:
    """Force the offline variables; a user cannot switch them back on by accident."""
    os.environ.update(OFFLINE_ENV)
