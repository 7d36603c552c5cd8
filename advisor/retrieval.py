"""Hybrid retrieval: dense (Chroma) and BM25 over the same chunks, fused by reciprocal rank.

Results are per section (a section's best chunk stands for it), so ``k`` counts distinct
sections. A third ranking reads the index's sentences (each embedded on its own): a section ranks
by its best sentence, so a question worded like one line of a long section still finds it. The
best dense similarities (of a chunk and of a sentence) travel with the results: the refusal gate
reads them.

Questions are embedded on one process-wide thread with ``settings.query_threads`` torch threads
(default 1): with torch's default of one thread per core, a single short query now and then stalls
for 0.4–0.5 s on a busy 2-core box (its threads wait on each other while other processes hold the
cores), one thread does not. Ingest batches keep torch's default.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from advisor.bm25 import BM25Index
from advisor.embeddings import get_embeddings, get_tokenizer
from advisor.errors import IndexMissingError, StoreUnavailableError
from advisor.settings import Settings
from advisor.store import SENTENCES, open_store
from advisor.types import Hit

log = logging.getLogger(__name__)

MAX_QUERY_WORDS = 64  # a first, cheap cut: a real question is < 30 words, a follow-up's two forms < 60
# Word pieces of the embedding model one request embeds, shared evenly by its queries (embedded
# together, a batch costs its longest query times their number). Embedding costs ~10 ms plus
# ~0.45 ms a piece on one core, most of a request's CPU before the model; the eval questions
# need 12 pieces (median) and 36 (90th percentile), a follow-up's two forms up to 2 × 31.
QUERY_PIECES = 64
SENTENCES_PER_SECTION = 4  # sentence candidates fetched per section wanted (a section's best few)
VECTORS_KEPT = 1024  # remembered query embeddings (repeated questions, the warm-up's examples)


def bounded_query(query: str) -> str:
    """What search reads of a query at most: its first ``MAX_QUERY_WORDS`` words."""
    words = query.split()
    return query if len(words) <= MAX_QUERY_WORDS else " ".join(words[:MAX_QUERY_WORDS])


@dataclass(frozen=True)
class StoredChunk:
    chunk_id: str
    text: str
    meta: dict


@dataclass(frozen=True)
class SentenceVectors:
    """Every indexed sentence's section, text and unit vector, in memory (a few hundred rows of 384
    floats a guide): a model line is compared with them all at once."""

    section_ids: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))

    @classmethod
    def of(cls, got: dict) -> SentenceVectors:
        if not got["ids"]:
            return cls()
        matrix = np.asarray(got["embeddings"], dtype=np.float32)
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
        return cls(tuple(m["section_id"] for m in got["metadatas"]), tuple(map(strip_context, got["documents"])), matrix)

    def closest(self, vector: tuple[float, ...], section_ids: set[str],
                keep: Callable[[str], bool] = bool) -> tuple[str, str, float] | None:
        """(section id, sentence, cosine similarity) of the sentence in ``section_ids`` closest to
        ``vector``, among those ``keep`` accepts."""
        rows = [i for i, sid in enumerate(self.section_ids) if sid in section_ids and keep(self.texts[i])]
        if not rows:
            return None
        v = np.asarray(vector, dtype=np.float32)
        sims = self.matrix[rows] @ (v / max(float(np.linalg.norm(v)), 1e-9))
        best = int(sims.argmax())
        return self.section_ids[rows[best]], self.texts[rows[best]], float(sims[best])


def strip_context(document: str) -> str:
    """Stored documents start with a context line and a blank line; the section text follows."""
    head, sep, body = document.partition("\n\n")
    return body if sep else document


_query_pools: dict[int, ThreadPoolExecutor] = {}
_query_pools_lock = threading.Lock()


def _set_torch_threads(threads: int) -> None:
    """Initializer of a query-embedding thread. Torch keeps a thread count per OS thread once set,
    so this thread gets ``threads`` and threads already running keep theirs; ``set_num_threads`` also
    sets the count that threads new to torch start with, which a throwaway thread puts back."""
    import torch  # loaded with the embedding model anyway; not needed to import this module

    default = torch.get_num_threads()  # this thread is new to torch: it reads that start count
    torch.set_num_threads(threads)
    restore = threading.Thread(target=torch.set_num_threads, args=(default,))
    restore.start()
    restore.join()


def query_pool(threads: int) -> ThreadPoolExecutor:
    """The process-wide thread that embeds questions with ``threads`` torch threads."""
    with _query_pools_lock:
        if threads not in _query_pools:
            _query_pools[threads] = ThreadPoolExecutor(1, f"query-embed-{threads}", _set_torch_threads, (threads,))
        return _query_pools[threads]


class Retriever:
    def __init__(self, settings: Settings, store: Chroma | None = None, embeddings: Embeddings | None = None,
                 sentences: Chroma | None = None) -> None:
        """``store`` and ``embeddings`` (what embeds a question) default to the ones ``settings`` name;
        so do the ``sentences`` with the default store (a store given alone is searched alone)."""
        self.settings = settings
        self.store = store or open_store(settings)
        self.sentences = sentences if sentences is not None or store else open_store(settings, part=SENTENCES)
        self._embeddings = embeddings
        self._lock = threading.Lock()
        self._chunks: dict[str, StoredChunk] = {}
        self._sections: dict[str, list[StoredChunk]] = {}  # section id → its chunks in order
        self._bm25: BM25Index | None = None
        self._sentence_vectors = SentenceVectors()
        self._version = ""
        self._vectors_cached: dict[str, tuple[float, ...]] = {}  # query → its embedding, oldest first

    # --- the corpus snapshot the keyword index is built on
    def refresh(self) -> None:
        """Reload chunks from the store and rebuild BM25 (after an ingest)."""
        try:
            got = self.store.get(include=["documents", "metadatas"])
        except Exception as exc:
            raise StoreUnavailableError(f"Cannot read the guide index: {exc}") from exc
        chunks = {cid: StoredChunk(cid, strip_context(doc), meta)
                  for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"])}
        sections: dict[str, list[StoredChunk]] = {}
        for c in chunks.values():
            sections.setdefault(c.meta["section_id"], []).append(c)
        for parts in sections.values():
            parts.sort(key=lambda c: c.meta["chunk_index"])
        pairs = sorted({(c.meta["section_id"], str(c.meta.get("content_hash", ""))) for c in chunks.values()})
        try:
            vectors = SentenceVectors.of(self.sentences.get(include=["embeddings", "documents", "metadatas"])) \
                if self.sentences is not None else SentenceVectors()
        except Exception as exc:
            raise StoreUnavailableError(f"Cannot read the guide index: {exc}") from exc
        with self._lock:
            self._sentence_vectors = vectors
            self._chunks = chunks
            self._sections = sections
            self._version = hashlib.sha256(repr(pairs).encode()).hexdigest()[:16]
            self._bm25 = BM25Index(list(chunks), [c.meta["heading"] + "\n" + c.text for c in chunks.values()])

    def _ensure_loaded(self) -> None:
        if self._bm25 is None:
            self.refresh()
        if not self._chunks:
            raise IndexMissingError(f"collection {self.settings.collection!r} has no sections")

    @property
    def size(self) -> int:
        self._ensure_loaded()
        return len(self._sections)

    @property
    def version(self) -> str:
        """What the loaded index holds, as one hash of every section's id and content hash: any
        ingest that changes a section changes it (once the index is reloaded)."""
        self._ensure_loaded()
        return self._version

    def section(self, section_id: str) -> dict | None:
        """A whole section (its chunks joined) with its metadata, or None."""
        self._ensure_loaded()
        parts = self._sections.get(section_id)
        if not parts:
            return None
        meta = {k: v for k, v in parts[0].meta.items() if k not in ("chunk_index", "chunk_count")}
        return {**meta, "text": "\n".join(p.text for p in parts)}

    def section_hit(self, section_id: str) -> Hit | None:
        """A section as a Hit, for sections chosen by rule (the profile's salary band) not by rank."""
        sec = self.section(section_id)
        if sec is None:
            return None
        return Hit(section_id=section_id, doc_id=sec["doc_id"], role=sec["role"], title=sec["title"],
                   heading=sec["heading"], source=sec["source"], text=sec["text"], score=0.0)

    def outline(self) -> list[tuple[str, str, str]]:
        """(section_id, heading, doc_id) of every section, in stored order."""
        self._ensure_loaded()
        seen: dict[str, tuple[str, str, str]] = {}
        for c in self._chunks.values():
            seen.setdefault(c.meta["section_id"], (c.meta["section_id"], c.meta["heading"], c.meta["doc_id"]))
        return list(seen.values())

    def documents(self) -> dict[str, dict[str, str]]:
        """doc id → the guide's role, title, aliases ("|"-joined) and facts (JSON), from its front matter."""
        self._ensure_loaded()
        return {c.meta["doc_id"]: {k: str(c.meta.get(k, "")) for k in ("role", "title", "aliases", "facts")}
                for c in self._chunks.values()}

    def _bounded(self, query: str, pieces: int) -> str:
        """What search reads of ``query``: at most ``pieces`` word pieces of the embedding model,
        cut before the word the budget ends in."""
        query = bounded_query(query).strip()
        encoded = get_tokenizer(self.settings)(query, add_special_tokens=False, return_offsets_mapping=True)
        if len(encoded["input_ids"]) <= pieces:
            return query
        words = encoded.word_ids()
        first = words.index(words[pieces])  # the first piece of the word that does not fit
        return query[:encoded["offset_mapping"][first or pieces][0]].rstrip()

    def _vectors(self, queries: list[str]) -> list[tuple[float, ...]]:
        """Each query's embedding: remembered ones at once, the rest in one batch on the query thread."""
        found = {q: v for q in queries if (v := self._vectors_cached.get(q)) is not None}
        missing = [q for q in dict.fromkeys(queries) if q not in found]
        if missing:
            embeddings = self._embeddings or get_embeddings(self.settings)
            vectors = query_pool(self.settings.query_threads).submit(embeddings.embed_documents, missing).result()
            found.update(zip(missing, map(tuple, vectors)))
            with self._lock:
                self._vectors_cached.update((q, found[q]) for q in missing)
                for old in list(self._vectors_cached)[:max(len(self._vectors_cached) - VECTORS_KEPT, 0)]:
                    del self._vectors_cached[old]
        return [found[q] for q in queries]

    def closest_sentence(self, text: str, section_ids: set[str],
                         keep: Callable[[str], bool] = bool) -> tuple[str, str, float] | None:
        """The indexed sentence of ``section_ids`` closest in meaning to ``text`` (of those ``keep``
        accepts): (section id, sentence, cosine similarity), or None when there is none."""
        self._ensure_loaded()
        if not self._sentence_vectors.section_ids:
            return None
        return self._sentence_vectors.closest(self._vectors([self._bounded(text, QUERY_PIECES)])[0], section_ids, keep)

    # --- search
    def search(self, query: str, k: int | None = None, docs: frozenset[str] | None = None) -> list[Hit]:
        """The ``k`` best sections for ``query``, from the guides ``docs`` only when given."""
        return self.search_many([query], k, docs)

    def search_many(self, queries: list[str], k: int | None = None, docs: frozenset[str] | None = None) -> list[Hit]:
        """The ``k`` best sections for several queries (a follow-up and its stand-alone form), their
        rankings fused; together they embed at most ``QUERY_PIECES`` word pieces."""
        return self.search_each([(queries, docs)], k)[0]

    def search_each(self, sides: list[tuple[list[str], frozenset[str] | None]], k: int | None = None) -> list[list[Hit]]:
        """Each side's ``k`` best sections (its queries fused, from its guides only: the sides of a
        comparison). All sides' queries share the ``QUERY_PIECES`` budget and are embedded in one call."""
        k = self.settings.k if k is None else k
        self._ensure_loaded()
        share = max(QUERY_PIECES // max(sum(len(queries) for queries, _ in sides), 1), 1)
        bounded = [[b for q in queries if (b := self._bounded(q, share))] for queries, _ in sides]
        every = [q for queries in bounded for q in queries]
        vectors = dict(zip(every, self._vectors(every))) if k > 0 and every else {}
        return [self._fused(queries, vectors, k, docs) if vectors else [] for queries, (_, docs) in zip(bounded, sides)]

    def _fused(self, queries: list[str], vectors: dict[str, tuple[float, ...]], k: int,
               docs: frozenset[str] | None) -> list[Hit]:
        """One side's sections: its one query's ranking, or several queries' rankings fused by rank."""
        if len(queries) <= 1:
            return [h for q in queries for h in self._ranked(q, vectors[q], k, docs)]
        fused: dict[str, Hit] = {}
        scores: dict[str, float] = {}
        sentence_sims: dict[str, float] = {}
        for q in queries:
            for rank, hit in enumerate(self._ranked(q, vectors[q], max(self.settings.candidates, k), docs), start=1):
                sid = hit.section_id
                scores[sid] = scores.get(sid, 0.0) + 1.0 / (self.settings.rrf_k + rank)
                sentence_sims[sid] = max(sentence_sims.get(sid, 0.0), hit.sentence_similarity)
                best = fused.get(sid)
                if best is None or hit.similarity > best.similarity:
                    fused[sid] = hit
        ranked = sorted(fused, key=lambda sid: scores[sid], reverse=True)[:k]
        return [fused[sid].model_copy(update={"score": round(scores[sid], 6), "sentence_similarity": sentence_sims[sid]})
                for sid in ranked]

    def _ranked(self, query: str, vector: tuple[float, ...], k: int, docs: frozenset[str] | None) -> list[Hit]:
        """One query's ``k`` best sections: its dense and keyword rankings fused."""
        n = max(self.settings.candidates, k)
        where = {"doc_id": {"$in": sorted(docs)}} if docs else None
        try:
            dense = self.store.similarity_search_by_vector_with_relevance_scores(list(vector), k=n, filter=where)
        except Exception as exc:
            raise StoreUnavailableError(f"Search failed, the guide index is unavailable: {exc}") from exc
        dense_ids = [(d.id, 1.0 - dist) for d, dist in dense if d.id in self._chunks]
        keyword = self._bm25.search(query, n if not docs else len(self._chunks)) if self._bm25 else []
        if docs:
            keyword = [(cid, score) for cid, score in keyword if self._chunks[cid].meta["doc_id"] in docs][:n]
        return self._fuse(dense_ids, keyword, self._by_sentence(vector, n, where), k)

    def _by_sentence(self, vector: tuple[float, ...], n: int, where: dict | None) -> list[tuple[str, float]]:
        """(section id, similarity of its best sentence), best first, for the ``n`` best sections."""
        if self.sentences is None or not self.settings.sentence_weight:
            return []
        try:
            found = self.sentences.similarity_search_by_vector_with_relevance_scores(
                list(vector), k=n * SENTENCES_PER_SECTION, filter=where)
        except Exception as exc:
            raise StoreUnavailableError(f"Search failed, the guide index is unavailable: {exc}") from exc
        best: dict[str, float] = {}
        for d, dist in found:
            if d.metadata["section_id"] in self._sections:
                best.setdefault(d.metadata["section_id"], 1.0 - dist)
        return list(best.items())[:n]

    def all_sections(self) -> list[Hit]:
        """Every section as a Hit, in stored order (for the guides' outline)."""
        return [h for sid, _, _ in self.outline() if (h := self.section_hit(sid))]

    def _fuse(self, dense: list[tuple[str, float]], keyword: list[tuple[str, float]],
              by_sentence: list[tuple[str, float]], k: int) -> list[Hit]:
        s = self.settings
        fused: dict[str, dict] = {}

        def entry(chunk_id: str) -> dict | None:
            chunk = self._chunks[chunk_id]
            sid = chunk.meta["section_id"]
            return fused.setdefault(sid, {"chunk": chunk, "score": 0.0, "sim": 0.0, "sentence_sim": 0.0,
                                          "dense_rank": None, "bm25_rank": None})

        section_rank = 0
        for cid, sim in dense:
            e = entry(cid)
            if e["dense_rank"] is None:
                section_rank += 1
                e.update(dense_rank=section_rank, sim=sim, chunk=self._chunks[cid])
                e["score"] += s.dense_weight / (s.rrf_k + section_rank)
        section_rank = 0
        for cid, _ in keyword:
            e = entry(cid)
            if e["bm25_rank"] is None:
                section_rank += 1
                e["bm25_rank"] = section_rank
                e["score"] += s.bm25_weight / (s.rrf_k + section_rank)
        for rank, (sid, sim) in enumerate(by_sentence, start=1):
            e = entry(self._sections[sid][0].chunk_id)
            e["sentence_sim"] = sim
            e["score"] += s.sentence_weight / (s.rrf_k + rank)
        # ties (dense #1 + keyword #3 vs keyword #1 + dense #3) go to the keyword side: embeddings
        # see "mid-level" and "senior-level" as near-synonyms, BM25 does not
        ranked = sorted(fused.values(), key=lambda e: (-round(e["score"], 9), e["bm25_rank"] or 10**6, -e["sim"]))[:k]
        return [
            Hit(section_id=e["chunk"].meta["section_id"], doc_id=e["chunk"].meta["doc_id"],
                role=e["chunk"].meta["role"], title=e["chunk"].meta["title"],
                heading=e["chunk"].meta["heading"], source=e["chunk"].meta["source"],
                text=e["chunk"].text, score=round(e["score"], 6), similarity=round(e["sim"], 4),
                sentence_similarity=round(e["sentence_sim"], 4),
                dense_rank=e["dense_rank"], bm25_rank=e["bm25_rank"])
            for e in ranked
        ]
