"""Incremental indexing: only changed sections are re-embedded, removed ones deleted.

Every chunk, and every sentence in the sentence collection, carries its section's content hash.
A run compares the parsed sections with the hashes in each collection on its own: new → added,
different hash → replaced, same → untouched, gone → deleted. Writes come first and deletions
last, and Chroma upserts per batch, so a run killed half-way leaves an index that still answers;
the next run finishes the job.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from langchain_chroma import Chroma
from tqdm import tqdm

from advisor.embeddings import get_tokenizer, model_max_tokens
from advisor.errors import IngestFileError
from advisor.settings import Settings
from advisor.store import SENTENCES, open_store
from ingest.chunking import Chunk, Sentence, Unit, chunk_section, section_sentences
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
    sentences_embedded: int = 0
    errors: list[IngestFileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.deleted} deleted sections ({self.chunks_embedded} chunks, "
                f"{self.sentences_embedded} sentences embedded)"
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


def sentence_metadata(sentence: Sentence) -> dict[str, str | int]:
    s = sentence.section
    return {"section_id": s.section_id, "doc_id": s.doc_id, "content_hash": s.content_hash,
            "sentence_index": sentence.index}


def indexed_sections(store: Chroma) -> dict[str, dict]:
    """section_id → {hash, doc_id, chunk_ids} for everything in the collection."""
    got = store.get(include=["metadatas"])
    out: dict[str, dict] = defaultdict(lambda: {"chunk_ids": []})
    for chunk_id, meta in zip(got["ids"], got["metadatas"]):
        entry = out[meta["section_id"]]
        entry["hash"], entry["doc_id"] = meta["content_hash"], meta["doc_id"]
        entry["chunk_ids"].append(chunk_id)
    return dict(out)


@dataclass
class Plan:
    """What one collection needs to match the guides: units to (re)write, ids to delete, and how
    many sections were added, updated, left or deleted."""

    write: list[Unit] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


def plan(existing: dict[str, dict], docs: list[Document], failed: set[str], full_run: bool,
         units_of: Callable[[Section], list[Unit]]) -> Plan:
    """Compare parsed sections with one collection's content hashes (see the module docstring)."""
    out, seen = Plan(), set()
    for section in (section for doc in docs for section in doc.sections):
        seen.add(section.section_id)
        old = existing.get(section.section_id)
        if old and old["hash"] == section.content_hash:
            out.unchanged += 1
            continue
        units = units_of(section)
        out.write.extend(units)
        if old:
            out.updated += 1
            new_ids = {u.chunk_id for u in units}
            out.stale += [cid for cid in old["chunk_ids"] if cid not in new_ids]
        else:
            out.added += 1
    in_scope = {d.doc_id for d in docs}
    for section_id, entry in existing.items():
        if section_id in seen or entry["doc_id"] in failed:
            continue
        if full_run or entry["doc_id"] in in_scope:
            out.deleted += 1
            out.stale += entry["chunk_ids"]
    return out


def apply(store: Chroma, todo: Plan, metadata: Callable[[Unit], dict], what: str, progress: bool) -> None:
    """Write first, delete last: a run killed half-way leaves an index that still answers."""
    batches = range(0, len(todo.write), WRITE_BATCH)
    for start in tqdm(batches, desc=f"embedding {what}", unit="batch", disable=not progress or len(batches) < 2):
        batch = todo.write[start : start + WRITE_BATCH]
        store.add_texts([u.embed_text for u in batch], [metadata(u) for u in batch], ids=[u.chunk_id for u in batch])
        log.info("wrote %d of %d %s", min(start + WRITE_BATCH, len(todo.write)), len(todo.write), what)
    if todo.stale:
        store.delete(ids=todo.stale)


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
    chunks = open_store(settings, rebuild_on_model_change=True)
    sentences = open_store(settings, rebuild_on_model_change=True, part=SENTENCES)
    tokenizer = get_tokenizer(settings)
    max_tokens = min(settings.chunk_max_tokens, model_max_tokens(settings))
    chunk_plan = plan(indexed_sections(chunks), docs, failed, full_run,
                      lambda section: chunk_section(section, tokenizer, max_tokens))
    # planned on their own: an index built before sentences were indexed gets them on its next run
    sentence_plan = plan(indexed_sections(sentences), docs, failed, full_run, section_sentences)
    report.added, report.updated = chunk_plan.added, chunk_plan.updated
    report.unchanged, report.deleted = chunk_plan.unchanged, chunk_plan.deleted
    apply(chunks, chunk_plan, chunk_metadata, "chunks", progress)
    apply(sentences, sentence_plan, sentence_metadata, "sentences", progress)
    report.chunks_embedded, report.sentences_embedded = len(chunk_plan.write), len(sentence_plan.write)
    log.info("ingest: %s", report.summary())
    return report
