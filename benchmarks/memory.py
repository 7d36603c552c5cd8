"""Peak RSS of one serving process: embedding model, Chroma and the local model loaded, one answer given.

Why: the app runs all three in one process on a small machine; its peak resident memory is what
a host must have free (the prototype measured ~2.8 GB).

The index is built beforehand in a separate process (``benchmarks/corpus.py``) so that ingest's
own allocations are not counted. This process then loads, stage by stage, the embedding model,
the Chroma store + BM25, the local model, and answers one in-scope golden question; it reports
RSS after each stage and the peak (VmHWM) over the whole process.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as a script: the project, not benchmarks/

import subprocess

from benchmarks.common import ROOT, Row, in_work_dir, golden, parser, peak_rss_mb, report, rss_mb, setup_logging, timed
from benchmarks.corpus import corpus_settings


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--work-dir", type=Path, default=None, help="reuse the 1× index kept here")
    args = p.parse_args()
    setup_logging()
    rows = in_work_dir(args.work_dir, "bench-memory-", run)
    report("memory", rows, args, ["RSS figures are this process's; the 1.1 GB GGUF is memory-mapped, so its "
                                  "pages count once they are read"])


def run(work: Path) -> list[Row]:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(work), "--copies", "1"],
                   check=True, stdout=subprocess.DEVNULL, timeout=600)
    stages: list[tuple[str, float]] = [("python + benchmark imports", rss_mb())]

    import advisor  # noqa: F401  (offline environment first)
    from advisor.chain import Advisor
    from advisor.embeddings import get_embeddings

    stages.append(("+ advisor imports (torch, transformers, chromadb, langchain)", rss_mb()))
    settings = corpus_settings(work, 1, provider="local")
    get_embeddings(settings).embed_query("warm up")
    stages.append(("+ embedding model (MiniLM)", rss_mb()))
    chain = Advisor(settings)
    _ = chain.retriever.size
    stages.append(("+ Chroma store and BM25 index", rss_mb()))
    chain.provider.warm_up()
    stages.append(("+ local model (llama.cpp server)", rss_mb()))
    question = golden("in_scope", with_history=False)[0]["question"]
    with timed() as t:
        answer = chain.ask(question)
    stages.append(("+ one answer", rss_mb()))

    rows = [Row(f"RSS after {name}", round(mb), "MB") for name, mb in stages]
    rows += [
        Row("peak RSS (VmHWM) of the process", round(peak_rss_mb()), "MB"),
        Row("the answer", f"{answer.provider}{', refused' if answer.refused else ''}, "
                          f"{len(answer.citations)} citations, {t.seconds:.1f} s"),
    ]
    return rows


if __name__ == "__main__":
    main()
