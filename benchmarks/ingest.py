"""Ingest speed and memory: full ingest, no-op re-ingest, and a synthetic corpus N× the guide.

Why: re-running ``advisor ingest`` after editing one guide must be nearly free (only changed
sections are embedded), and a shelf of many guides must fit in memory and finish in minutes.

Measures, in one process with the embedding model already loaded (its load time is shown apart):
  * full ingest of knowledge/ → sections/s, and how much of it is the embedding forward pass
    (the same stored texts embedded again, directly);
  * a no-op re-ingest as a fraction of the full ingest (target ≤ 5 %);
  * the N× synthetic corpus (benchmarks/corpus.py; N = 100, ``--quick`` 5) → sections/s, its
    throughput relative to 1×, the no-op re-ingest fraction at N×, and the peak RSS during that
    ingest (VmHWM reset just before it, so it is that ingest's own peak).
With ``--max-seconds S``, N is lowered (never raised) to what the 1× rate says fits in S seconds,
so a run on a busy machine stays bounded; the table says which N was used.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as a script: the project, not benchmarks/

import shutil
import tempfile

from benchmarks.common import Row, parser, peak_rss_mb, ratio_row, report, reset_peak_rss, rss_mb, setup_logging, timed
from benchmarks.corpus import corpus_settings, mark_index_ready

NOOP_TARGET_PCT = 5.0


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--copies", type=int, default=None, help="size of the synthetic corpus (default 100, quick 5)")
    p.add_argument("--max-seconds", type=float, default=None,
                   help="lower N so that the N× ingest should take about this long at the measured 1× rate")
    p.add_argument("--work-dir", type=Path, default=None,
                   help="keep corpora and indexes here (retrieval.py reuses them); default: a temp dir, removed")
    args = p.parse_args()
    copies = args.copies or (5 if args.quick else 100)
    setup_logging()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        rows, notes, copies = run(work, copies, args.max_seconds)
    finally:
        if args.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    report("ingest", rows, args, notes, extra={"copies": copies})


def run(work: Path, copies: int, max_seconds: float | None = None) -> tuple[list[Row], list[str], int]:
    import advisor  # noqa: F401  (offline environment first)
    from advisor.embeddings import get_embeddings, get_tokenizer
    from advisor.store import open_store
    from ingest.indexer import ingest

    one = corpus_settings(work, 1, provider="extractive")
    shutil.rmtree(one.data_dir, ignore_errors=True)  # a kept work dir must not turn this into an update

    with timed() as load:
        get_embeddings(one).embed_query("warm up")
        get_tokenizer(one)

    with timed() as full:
        first = ingest(one)
    with timed() as noop:
        again = ingest(one)
    assert first.ok and again.unchanged == first.added and again.chunks_embedded == 0, again.summary()
    mark_index_ready(one, first.added, full.seconds)
    stored = open_store(one).get(include=["documents"])["documents"]
    with timed() as embed_only:
        get_embeddings(one).embed_documents(stored)

    wanted = copies
    if max_seconds:
        copies = max(2, min(copies, int(max_seconds / full.seconds)))
    big = corpus_settings(work, copies, provider="extractive")
    shutil.rmtree(big.data_dir, ignore_errors=True)
    base_rss = rss_mb()
    peak_reset = reset_peak_rss()
    with timed() as full_n:
        first_n = ingest(big)
    peak_n = peak_rss_mb()
    with timed() as noop_n:
        again_n = ingest(big)
    assert first_n.ok and again_n.unchanged == first_n.added, again_n.summary()
    mark_index_ready(big, first_n.added, full_n.seconds)

    rate_1, rate_n = first.added / full.seconds, first_n.added / full_n.seconds
    rows = [
        Row("embedding model load (not in the ingest times)", round(load.seconds, 2), "s"),
        Row("1×: sections (chunks)", f"{first.added} ({first.chunks_embedded})"),
        Row("1×: full ingest", round(full.seconds, 2), "s"),
        Row("1×: sections per second", round(rate_1, 1), "sections/s"),
        Row("1×: embedding the same texts alone / full ingest", round(100 * embed_only.seconds / full.seconds, 1), "%"),
        ratio_row("1×: no-op re-ingest / full ingest", 100 * noop.seconds / full.seconds, NOOP_TARGET_PCT, "%"),
        Row(f"{copies}×: sections (chunks)", f"{first_n.added} ({first_n.chunks_embedded})"),
        Row(f"{copies}×: full ingest", round(full_n.seconds, 1), "s"),
        Row(f"{copies}×: sections per second", round(rate_n, 1), "sections/s"),
        Row(f"{copies}×: throughput relative to 1×", round(rate_n / rate_1, 2), "×"),
        ratio_row(f"{copies}×: no-op re-ingest / full ingest", 100 * noop_n.seconds / full_n.seconds, NOOP_TARGET_PCT, "%"),
        Row(f"{copies}×: RSS before ingest (MiniLM + Chroma loaded)", round(base_rss), "MB"),
        Row(f"{copies}×: peak RSS during ingest", round(peak_n), "MB"),
    ]
    notes = [f"{copies}× corpus = the guide + {copies - 1} renamed copies with shifted figures (benchmarks/corpus.py)"]
    if copies < wanted:
        notes.append(f"N lowered from {wanted} to {copies} to keep the ingest near {max_seconds:.0f} s "
                     f"(1× took {full.seconds:.1f} s)")
    if not peak_reset:
        notes.append("could not reset VmHWM: the peak RSS is the whole process's")
    return rows, notes, copies


if __name__ == "__main__":
    main()
