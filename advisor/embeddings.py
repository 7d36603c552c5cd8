"""One embeddings factory for ingest and retrieval, so both always use the same model."""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

from langchain_huggingface import HuggingFaceEmbeddings
from transformers import AutoTokenizer, PreTrainedTokenizerBase

from advisor.settings import Settings

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _embeddings(model: str, batch_size: int) -> HuggingFaceEmbeddings:
    log.info("loading embedding model %s", model)
    return HuggingFaceEmbeddings(
        model_name=model,
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True, "batch_size": batch_size},
    )


@lru_cache(maxsize=4)
def _tokenizer(model: str) -> PreTrainedTokenizerBase:
    return AutoTokenizer.from_pretrained(model, local_files_only=True)


def get_embeddings(settings: Settings) -> HuggingFaceEmbeddings:
    """The process-wide embeddings object (loaded once, on first use)."""
    return _embeddings(settings.resolved_embedding_model, settings.embedding_batch_size)


def get_tokenizer(settings: Settings) -> PreTrainedTokenizerBase:
    """The embedding model's own tokenizer: chunk sizes are measured with it, not guessed."""
    return _tokenizer(settings.resolved_embedding_model)


def model_max_tokens(settings: Settings) -> int:
    """How many word pieces the embedding model reads before truncating (its own config says)."""
    config = Path(settings.resolved_embedding_model) / "sentence_bert_config.json"
    return int(json.loads(config.read_text())["max_seq_length"])
