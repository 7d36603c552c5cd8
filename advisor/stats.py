"""What the index holds, for `advisor stats` and the health endpoint."""

from __future__ import annotations

from collections import Counter

from advisor.settings import Settings
from advisor.store import chroma_client, open_store


def index_stats(settings: Settings) -> dict:
    store = open_store(settings)
    got = store.get(include=["metadatas"])
    metas = got["metadatas"]
    docs = Counter(m["doc_id"] for m in metas)
    meta = chroma_client(settings).get_collection(settings.collection).metadata or {}
    return {
        "store": settings.chroma_url or str(settings.chroma_path),
        "collection": settings.collection,
        "embedding_model": meta.get("embedding_model"),
        "documents": len(docs),
        "sections": len({m["section_id"] for m in metas}),
        "chunks": len(metas),
        "per_document": dict(docs),
    }
