"""Hybrid retrieval latency as a multiple of the query-embedding forward pass, at 1× and N× corpus.

Why: embedding the question is the one cost retrieval cannot avoid; everything else (Chroma's
HNSW query, BM25 over every chunk, fusion) should add little on top (target: a cold search
≤ 1.5× the bare embedding) and must not grow badly with the corpus.

For every golden question (evals/golden.jsonl), in one process and interleaved so that load
from other processes hits all figures alike (ratios are medians of per-question ratios):
  * bare ``embed_query(q)`` on the retriever's query thread (``ADVISOR_QUERY_THREADS`` torch
    threads, default 1) — the same forward pass a search makes, no cache;
  * ``Retriever.search(q)`` cold: the retriever has never seen q, so it embeds it;
  * ``Retriever.search(q)`` warm: the same query again (Retriever caches query embeddings);
  * the two halves on their own: Chroma's dense query with a precomputed vector, and BM25;
  * for reference, the bare embedding on the calling thread with torch's default threads (one
    per core): on a shared 2-core machine it now and then takes ~30× longer (threads waiting on
    each other while other processes hold the cores), which is why queries get their own thread.
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
BUDGET_SECONDS = 150  # per corpus size: stop measuring more questions after this


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
    from advisor.retrieval import Retriever, query_pool, strip_context
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

    pool = query_pool(settings.query_threads)
    for warm_up in ("warm-up: what does the job involve day to day?", "warm-up: typical pay"):
        pool.submit(embeddings.embed_query, warm_up).result()
        embeddings.embed_query(warm_up)
        retriever.search(warm_up)

    threads = torch.get_num_threads()
    t: dict[str, list[float]] = {k: [] for k in ("embed", "cold", "warm", "dense", "bm25", "embed default")}
    started = time.perf_counter()
    for i, q in enumerate(questions):
        if time.perf_counter() - started > BUDGET_SECONDS:
            break
        embed_ms, cold_ms, vector = cold_pair(lambda: pool.submit(embeddings.embed_query, q).result(),
                                              retriever, q, first_embed=i % 2 == 1)
        t["embed"].append(embed_ms)
        t["cold"].append(cold_ms)
        t["warm"].append(clock(lambda: retriever.search(q)))
        t["dense"].append(clock(lambda: store.similarity_search_by_vector_with_relevance_scores(vector, k=settings.candidates)))
        t["bm25"].append(clock(lambda: bm25.search(q, settings.candidates)))
        t["embed default"].append(clock(lambda: embeddings.embed_query(q)))

    x = f"{copies}×"
    rows = [
        Row(f"{x}: sections in index (questions timed)", f"{sections} ({len(t['cold'])})"),
        Row(f"{x}: retriever load (Chroma read + BM25 build)", round(load.ms), "ms"),
        Row(f"{x}: bare query embedding ({settings.query_threads} torch thread), median", round(median(t["embed"]), 1), "ms"),
        Row(f"{x}: search cold, median (p90)", f"{median(t['cold']):.1f} ({percentile(t['cold'], 0.9):.1f})", "ms"),
        Row(f"{x}: search warm (cached embedding), median", round(median(t["warm"]), 1), "ms"),
        Row(f"{x}:   of which Chroma dense query, median", round(median(t["dense"]), 1), "ms"),
        Row(f"{x}:   of which BM25, median", round(median(t["bm25"]), 1), "ms"),
        ratio_row(f"{x}: search cold / bare embedding, median per question", paired(t["cold"], t["embed"]), COLD_TARGET),
        Row(f"{x}: search warm / bare embedding, median per question", round(paired(t["warm"], t["embed"]), 3), "×"),
        Row(f"{x}: for reference, bare embedding with torch's {threads} threads, median (p90)",
            f"{median(t['embed default']):.1f} ({percentile(t['embed default'], 0.9):.1f})", "ms"),
    ]
    notes = []
    if len(t["cold"]) < len(questions):
        notes.append(f"{x}: stopped after {BUDGET_SECONDS} s, {len(t['cold'])} of {len(questions)} questions timed")
    if built is not None and copies > 1:
        notes.append(f"{x}: index built here in {built:.0f} s (not reused from ingest.py)")
    return rows, notes


def clock(fn) -> float:
    """Milliseconds one call of ``fn`` takes."""
    with timed() as sw:
        fn()
    return sw.ms


def cold_pair(embed, retriever, query: str, first_embed: bool) -> tuple[float, float, list[float]]:
    """(bare embedding ms, cold search ms, the query vector) for a query the retriever has not
    seen, back to back; which runs first alternates so that neither always gets the warmer CPU."""
    ms: dict[str, float] = {}
    for step in ("embed", "search") if first_embed else ("search", "embed"):
        with timed() as sw:
            if step == "embed":
                vector = embed()
            else:
                retriever.search(query)
        ms[step] = sw.ms
    return ms["embed"], ms["search"], vector


def paired(times: list[float], baseline: list[float]) -> float:
    """Median of per-question ratios: each pair was measured back to back, so a burst of load
    from another process lands on both halves of a pair rather than on one median."""
    return median(t / b for t, b in zip(times, baseline))


if __name__ == "__main__":
    main()
