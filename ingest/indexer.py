"""Incremental indexing: only changed sections are re-embedded, removed ones deleted.

Every chunk carries its section's content hash. A run compares the parsed sections with the
hashes in the collection: new → added, different hash → replaced, same → untouched, gone →
deleted. Writes come first and deletions last, and Chroma upserts per batch, so a run killed
half-way leaves an index that still answers; the next run finishes the job.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from langchain_chroma import Chroma
from tqdm import tqdm

from advisor.embeddings import get_tokenizer, model_max_tokens
from advisor.errors import IngestFileError
from advisor.settings import Settings
from advisor.store import open_store
from ingest.chunking import Chunk, chunk_section
from ingest.documents import guide_files, parse_guide
from ingest.sections import Document, Section, doc_id_for

log = logging.getLogger(__name__)

WRITE_BATCH = 64


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    chunks_embedded: int = 0
    errors: list[IngestFileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.deleted} deleted sections ({self.chunks_embedded} chunks embedded)"
                + (f"; {len(self.errors)} file(s) failed" if self.errors else ""))


def chunk_metadata(chunk: Chunk) -> dict[str, str | int]:
    s: Section = chunk.section
    return {
        "section_id": s.section_id, "doc_id": s.doc_id, "role": s.role, "title": s.title,
        "heading": s.heading, "source": s.source, "file": s.file, "aliases": "|".join(s.aliases),
        "facts": s.facts,
        "line_start": s.line_start, "line_end": s.line_end, "content_hash": s.content_hash,
        "chunk_index": chunk.index, "chunk_count": chunk.count,
    }


def indexed_sections(store: Chroma) -> dict[str, dict]:
    """section_id → {hash, doc_id, chunk_ids} for everything in the collection."""
    got = store.get(include=["metadatas"])
    out: dict[str, dict] = defaultdict(lambda: {"chunk_ids": []})
    for chunk_id, meta in zip(got["ids"], got["metadatas"]):
        entry = out[meta["section_id"]]
        entry["hash"], entry["doc_id"] = meta["content_hash"], meta["doc_id"]
        entry["chunk_ids"].append(chunk_id)
    return dict(out)


def load_documents(paths: Iterable[Path], settings: Settings, report: IngestReport) -> tuple[list[Document], set[str]]:
    """Parse every file; a bad file is reported and its doc id protected from deletion."""
    docs, failed_doc_ids = [], set()
    for path in guide_files(paths):
        try:
            docs.append(parse_guide(path, settings))
        except IngestFileError as err:
            report.errors.append(err)
            failed_doc_ids.add(doc_id_for(path))
    return docs, failed_doc_ids


def ingest(settings: Settings, paths: Sequence[Path] | None = None, progress: bool = False) -> IngestReport:
    """Bring the index in line with the guides. Without ``paths``, the knowledge dir is the truth:
    documents no longer in it are removed. With ``paths``, only those documents are touched."""
    full_run = not paths
    report = IngestReport()
    docs, failed = load_documents(paths or [settings.knowledge_dir], settings, report)
    store = open_store(settings, rebuild_on_model_change=True)
    existing = indexed_sections(store)

    tokenizer = get_tokenizer(settings)
    max_tokens = min(settings.chunk_max_tokens, model_max_tokens(settings))
    to_write: list[Chunk] = []
    stale_chunk_ids: list[str] = []
    seen: set[str] = set()
    for doc in docs:
        for section in doc.sections:
            seen.add(section.section_id)
            old = existing.get(section.section_id)
            if old and old["hash"] == section.content_hash:
                report.unchanged += 1
                continue
            chunks = chunk_section(section, tokenizer, max_tokens)
            to_write.extend(chunks)
            if old:
                report.updated += 1
                new_ids = {c.chunk_id for c in chunks}
                stale_chunk_ids += [cid for cid in old["chunk_ids"] if cid not in new_ids]
            else:
                report.added += 1

    in_scope = {d.doc_id for d in docs}
    for section_id, entry in existing.items():
        if section_id in seen or entry["doc_id"] in failed:
            continue
        if full_run or entry["doc_id"] in in_scope:
            report.deleted += 1
            stale_chunk_ids += entry["chunk_ids"]

    batches = range(0, len(to_write), WRITE_BATCH)
    for start in tqdm(batches, desc="embedding", unit="batch", disable=not progress or len(batches) < 2):
        batch = to_write[start : start + WRITE_BATCH]
        store.add_texts([c.embed_text for c in batch], [chunk_metadata(c) for c in batch],
                        ids=[c.chunk_id for c in batch])
        log.info("wrote %d of %d chunks", min(start + WRITE_BATCH, len(to_write)), len(to_write))
    report.chunks_embedded = len(to_write)
    if stale_chunk_ids:
        store.delete(ids=stale_chunk_ids)
    log.info("ingest: %s", report.summary())
    return report
