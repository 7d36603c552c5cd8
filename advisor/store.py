"""Open the Chroma collection (embedded or server) the same way for ingest and retrieval.

The collection records the embedding model it was built with; opening it with another model
rebuilds it rather than mixing vectors from two models. Each guide index is two collections: the
chunks (whole sections, what answers are built from) and every section's sentences on their own
(``SENTENCES``: a ranker and evidence for questions worded like one line of a section).
"""

from __future__ import annotations

import logging

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma

from advisor.embeddings import get_embeddings
from advisor.errors import StoreUnavailableError
from advisor.settings import Settings

SENTENCES = "sentences"
log = logging.getLogger(__name__)


def chroma_client(settings: Settings) -> chromadb.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_url:
            from urllib.parse import urlparse

            url = urlparse(settings.chroma_url)
            return chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                       ssl=url.scheme == "https", settings=chroma_settings)
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    except Exception as exc:  # chromadb raises plain ValueError/ConnectionError variants
        where = settings.chroma_url or settings.chroma_path
        raise StoreUnavailableError(f"Cannot open the Chroma store at {where}: {exc}") from exc


def collection_metadata(settings: Settings) -> dict[str, str]:
    return {"hnsw:space": "cosine", "embedding_model": settings.embedding_model_name}


def collection_name(settings: Settings, part: str = "") -> str:
    """The chunk collection is ``settings.collection``; a ``part`` of the index sits beside it."""
    return f"{settings.collection}_{part}" if part else settings.collection


def open_store(settings: Settings, *, rebuild_on_model_change: bool = False, part: str = "") -> Chroma:
    """The LangChain vector store over our collection (or its ``part``), with our embedding function.

    ``rebuild_on_model_change`` is for ingest: a collection built with another embedding model
    is dropped and recreated. Readers never drop anything.
    """
    client = chroma_client(settings)
    name = collection_name(settings, part)
    try:
        existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
        if name in existing:
            recorded = (client.get_collection(name).metadata or {}).get("embedding_model")
            if recorded != settings.embedding_model_name and rebuild_on_model_change:
                log.warning("collection %s was built with %s; rebuilding for %s",
                            name, recorded, settings.embedding_model_name)
                client.delete_collection(name)
    except Exception as exc:
        raise StoreUnavailableError(f"Chroma store unavailable: {exc}") from exc
    return Chroma(
        client=client,
        collection_name=name,
        embedding_function=get_embeddings(settings),
        collection_metadata=collection_metadata(settings),
    )
