"""Synthetic corpora N× the size of knowledge/, and indexes built from them, for the scale benchmarks.

Copy 0 is the real guide, unchanged, so the golden questions still have their true answers;
copies 1…N-1 rename the role (in the front matter, the headings and the text) and shift every
dollar figure, so every section's text, hash and embedding differ from the original's. The
copies are still near-duplicates in wording — a real shelf of different role guides would be
more varied, which makes this a harsh case for BM25 and the dense index.

Run as a script it builds an index: ``python benchmarks/corpus.py DATA_DIR [--copies N]``
(memory.py and startup.py use that to build the index in a separate process).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as a script: the project, not benchmarks/

import argparse
import json
import re
import time

from benchmarks.common import ROOT

ORIGINAL_ROLE = "Neural Network Engineer"
_FIELDS = ["Vision", "Speech", "Robotics", "Search", "Ranking", "Edge", "Compiler", "Graph", "Audio", "Forecasting"]
_JOBS = ["Model Engineer", "Systems Engineer", "Research Engineer", "Platform Engineer", "Inference Engineer",
         "Data Engineer", "Optimization Engineer", "Training Engineer", "Evaluation Engineer", "Deployment Engineer"]
DOLLARS = re.compile(r"\$(\d{1,3}(?:,\d{3})*)")
MARKER = "benchmark-index.json"


def role_name(copy: int) -> str:
    """A distinct role name per copy: 100 field × job names, then numbered rounds."""
    name = f"{_FIELDS[copy % 10]} {_JOBS[copy // 10 % 10]}"
    return name if copy < 100 else f"{name} {copy // 100 + 1}"


def perturb(text: str, copy: int) -> str:
    """The guide as copy ``copy``: another role name everywhere, every dollar figure shifted."""
    if copy == 0:
        return text

    def shift(m: re.Match[str]) -> str:
        value = int(m.group(1).replace(",", ""))
        return f"${value + copy * (1000 if value >= 1000 else 1):,}"

    return DOLLARS.sub(shift, text.replace(ORIGINAL_ROLE, role_name(copy)))


def write_corpus(dest: Path, copies: int, source: Path = ROOT / "knowledge") -> Path:
    """``copies`` versions of every guide in ``source`` under ``dest`` (created); returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    guides = sorted(p for p in source.iterdir() if p.suffix in (".md", ".txt") and not p.name.startswith("."))
    for copy in range(copies):
        for guide in guides:
            name = guide.name if copy == 0 else f"{copy:03d}-{role_name(copy).lower().replace(' ', '-')}{guide.suffix}"
            (dest / name).write_text(perturb(guide.read_text(), copy))
    return dest


def corpus_settings(work: Path, copies: int, **overrides: object):
    """Settings whose knowledge dir holds the N× corpus (written if missing) and data dir is private
    (the project's O*NET files, which the setup installs, are read where they are)."""
    from advisor.settings import Settings

    knowledge = work / f"knowledge-{copies}x"
    if not (knowledge / MARKER).exists():
        write_corpus(knowledge, copies)
        (knowledge / MARKER).write_text(json.dumps({"copies": copies}))
    return Settings(knowledge_dir=knowledge, data_dir=work / f"data-{copies}x",
                    **{"onet_dir": Settings().resolved_onet_dir, **overrides})


def index_ready(settings) -> bool:
    return (settings.data_dir / MARKER).exists()


def mark_index_ready(settings, sections: int, seconds: float) -> None:
    (settings.data_dir / MARKER).write_text(json.dumps({"sections": sections, "seconds": round(seconds, 1)}))


def ensure_index(settings) -> float | None:
    """Build the index unless a complete one is already there; the seconds it took, or None if reused."""
    from ingest.indexer import ingest

    if index_ready(settings):
        return None
    t0 = time.perf_counter()
    report = ingest(settings)
    if not report.ok:
        raise RuntimeError(f"ingest failed: {report.summary()}")
    seconds = time.perf_counter() - t0
    mark_index_ready(settings, report.added + report.updated + report.unchanged, seconds)
    return seconds


def main() -> None:
    p = argparse.ArgumentParser(description="Build an index of the N× synthetic corpus under WORK_DIR.")
    p.add_argument("work_dir", type=Path)
    p.add_argument("--copies", type=int, default=1)
    args = p.parse_args()
    import advisor  # noqa: F401  (offline environment first)

    settings = corpus_settings(args.work_dir, args.copies, provider="extractive")
    seconds = ensure_index(settings)
    print(json.dumps({"data_dir": str(settings.data_dir), "knowledge_dir": str(settings.knowledge_dir),
                      "built_seconds": seconds}))


if __name__ == "__main__":
    main()
