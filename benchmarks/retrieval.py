"""Hybrid retrieval latency as a multiple of the query-embedding forward pass, at 1× and N× corpus.

Why: embedding the question is the one cost retrieval cannot avoid; everything else (Chroma's
HNSW query, BM25 over every chunk, fusion) should add little on top (target: a cold search
≤ 1.5× the bare embedding) and must not grow badly with the corpus.

For every golden question (evals/golden.jsonl), in one process and interleaved so that load
from other processes hits all figures alike:
  * bare ``get_embeddings(settings).embed_query(q)`` — no cache;
  * ``Retriever.search(q)`` cold: the retriever has never seen q, so it embeds it;
  * ``Retriever.search(q)`` warm: the same query again (Retriever caches query embeddings);
  * the two halves on their own: Chroma's dense query with a precomputed vector, and BM25.
Also, since the machine is shared: the bare embedding with torch limited to one thread (torch
uses one per core by default, and threads that wait on each other suffer most when other
processes want the same cores).
The N× index is the synthetic corpus of benchmarks/corpus.py (N = 100, ``--quick`` 5); an index
that ingest.py left in ``--work-dir`` is reused.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as a script: the project, not benchmarks/

import shutil
import tempfile
import time

from benchmarks.common import Row, golden, median, parser, percentile, ratio_row, report, setup_logging, spread, timed
from benchmarks.corpus import corpus_settings, ensure_index

COLD_TARGET = 1.5
BUDGET_SECONDS = 240  # per corpus size: stop measuring more questions after this


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--copies", type=int, default=None, help="size of the big corpus (default 100, quick 5)")
    p.add_argument("--questions", type=int, default=None, help="how many golden questions (default all, quick 20)")
    p.add_argument("--work-dir", type=Path, default=None, help="where ingest.py left its corpora/indexes")
    args = p.parse_args()
    copies = args.copies or (5 if args.quick else 100)
    questions = [r["question"] for r in golden()]
    questions = spread(questions, args.questions or (20 if args.quick else len(questions)))
    setup_logging()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="bench-retrieval-"))
    rows, notes = [], []
    try:
        for n in (1, copies):
            r, nt = measure(work, n, questions)
            rows += r
            notes += nt
    finally:
        if args.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    report("retrieval", rows, args, notes)


def measure(work: Path, copies: int, questions: list[str]) -> tuple[list[Row], list[str]]:
    import torch

    import advisor  # noqa: F401  (offline environment first)
    from advisor.bm25 import BM25Index
    from advisor.embeddings import get_embeddings
    from advisor.retrieval import Retriever, strip_context
    from advisor.store import open_store

    settings = corpus_settings(work, copies, provider="extractive")
    built = ensure_index(settings)
    embeddings = get_embeddings(settings)
    store = open_store(settings)
    retriever = Retriever(settings, store)
    with timed() as load:
        sections = retriever.size  # reads every chunk from Chroma and builds BM25
    got = store.get(include=["documents", "metadatas"])
    bm25 = BM25Index(got["ids"], [m["heading"] + "\n" + strip_context(d) for d, m in zip(got["documents"], got["metadatas"])])

    for warm_up in ("warm-up: what does the job involve day to day?", "warm-up: typical pay"):
        embeddings.embed_query(warm_up)
        retriever.search(warm_up)

    threads = torch.get_num_threads()
    embed_ms, cold_ms, warm_ms, dense_ms, bm25_ms, one_thread_ms = [], [], [], [], [], []
    started = time.perf_counter()
    for i, q in enumerate(questions):
        if time.perf_counter() - started > BUDGET_SECONDS:
            break
        # alternate the order of the two cold measurements so neither always runs first
        for step in (("embed", "cold") if i % 2 else ("cold", "embed")):
            with timed() as t:
                if step == "embed":
                    vector = embeddings.embed_query(q)
                else:
                    retriever.search(q)
            (embed_ms if step == "embed" else cold_ms).append(t.ms)
        with timed() as t:
            retriever.search(q)
        warm_ms.append(t.ms)
        with timed() as t:
            store.similarity_search_by_vector_with_relevance_scores(vector, k=settings.candidates)
        dense_ms.append(t.ms)
        with timed() as t:
            bm25.search(q, settings.candidates)
        bm25_ms.append(t.ms)
        torch.set_num_threads(1)
        try:
            with timed() as t:
                embeddings.embed_query(q)
        finally:
            torch.set_num_threads(threads)
        one_thread_ms.append(t.ms)

    embed = median(embed_ms)
    x = f"{copies}×"
    rows = [
        Row(f"{x}: sections in index (questions timed)", f"{sections} ({len(cold_ms)})"),
        Row(f"{x}: retriever load (Chroma read + BM25 build)", round(load.ms), "ms"),
        Row(f"{x}: bare query embedding, median (torch threads: {threads})", round(embed, 1), "ms"),
        Row(f"{x}: bare query embedding, torch 1 thread, median", round(median(one_thread_ms), 1), "ms"),
        Row(f"{x}: search cold, median (p90)", f"{median(cold_ms):.1f} ({percentile(cold_ms, 0.9):.1f})", "ms"),
        Row(f"{x}: search warm (cached embedding), median", round(median(warm_ms), 1), "ms"),
        Row(f"{x}:   of which Chroma dense query, median", round(median(dense_ms), 1), "ms"),
        Row(f"{x}:   of which BM25, median", round(median(bm25_ms), 1), "ms"),
        ratio_row(f"{x}: search cold / bare embedding", median(cold_ms) / embed, COLD_TARGET),
        Row(f"{x}: search warm / bare embedding", round(median(warm_ms) / embed, 3), "×"),
    ]
    notes = []
    if len(cold_ms) < len(questions):
        notes.append(f"{x}: stopped after {BUDGET_SECONDS} s, {len(cold_ms)} of {len(questions)} questions timed")
    if built is not None and copies > 1:
        notes.append(f"{x}: index built here in {built:.0f} s (not reused from ingest.py)")
    return rows, notes


if __name__ == "__main__":
    main()
