"""CPU a request costs before it reaches the model queue, for the worst requests we can build.

Why: the model is the scarce resource and has its own queue and per-client limits; everything
before it (validation, question parsing, follow-up rewriting, the OEWS occupation and area
matching, retrieval) runs for every request, so one crafted request must not buy seconds of CPU.
Both guides (``knowledge/`` and the second-guide fixture) are indexed, so a comparison can be built.
Target: ≤ 50 ms of CPU each, after a warm-up (the index and models loaded, caches as after a
few real questions; each crafted request is new, so its own lookups are not cached).

Each request runs ``Advisor.stream`` in this process with a provider that notes the CPU time
(``time.process_time``: all threads, the embedding's included) when it is called and generates
nothing; a request that never reaches the model is measured to its end. ``--quick``: one repeat.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as a script: the project, not benchmarks/

import tempfile
import time
from collections.abc import Iterator

from benchmarks.common import Row, median, parser, report, setup_logging

LIMIT_MS = 50.0
SECOND_GUIDE = Path(__file__).resolve().parent.parent / "evals" / "fixtures" / "knowledge"
TYPO_WORDS = "sofware develper nueral netwrk enginer datta scientst machne lerning reserch analist"


class CostProbe:
    """A model that notes when it was asked and says nothing."""

    name, model, uses_llm = "probe", "probe", True

    def __init__(self) -> None:
        self.called_at: float | None = None

    def stream(self, request) -> Iterator[str]:
        self.called_at = time.process_time()
        return iter(())

    def status(self) -> dict[str, object]:
        return {"provider": self.name, "model": self.model}


def filled(pattern: str, chars: int) -> str:
    return (pattern * (chars // len(pattern) + 1))[:chars]


def requests(salt: int) -> dict[str, tuple[str, list]]:
    """(question, history) pairs at the API's limits: a 2,000-character question, 40 turns of 8,000."""
    from advisor.types import Turn

    tag = f"zq{salt}"
    pay = filled(f"What do senior {TYPO_WORDS} {tag} engineers earn in Springfield {tag} metro area or in "
                 f"Portland {tag} or as a {tag} lead? ", 2000)
    turn = filled(f"How much do {TYPO_WORDS} {tag} developers make in Greater {tag} Valley area? ", 8000)
    history = [Turn(role="user" if i % 2 == 0 else "assistant", content=turn) for i in range(40)]
    distinct = " ".join(f"What do zorp{salt}x{i} quux{i} engineers earn in Blorb{i} Vale{salt}x{i} or as a "
                        f"wizzle{i} lead?" for i in range(60))[:2000]  # every phrase new: no cache helps
    return {
        "2,000-character pay question": (pay, []),
        "2,000 characters of new occupations and places": (distinct, []),
        "2,000-character words with typos": (filled(f"{TYPO_WORDS} {tag} ", 2000), []),
        "follow-up after 40 turns of 8,000": ("and what about in Seattle?", history),
        "2,000-character comparison of two roles": (filled(f"Compare neural network engineers and information "
                                                           f"security analysts {TYPO_WORDS} {tag} ", 2000), []),
        "comparison follow-up after 40 long turns": ("and how do neural network engineers and information "
                                                     "security analysts compare there?", history),
        "long pay question after 40 long turns": (pay, history),
    }


def parse_ms(advisor, question: str, history: list) -> float:
    """Question parsing alone: understanding it in its conversation, and the OEWS lookup it calls for."""
    from advisor.chain import validate_question
    from advisor.evidence import Evidence

    started = time.process_time()
    query = advisor.understand(validate_question(question), history)
    advisor._official_pay(query, Evidence(hits=[]), None)
    return (time.process_time() - started) * 1000


def cost_ms(advisor, probe: CostProbe, question: str, history: list) -> float:
    probe.called_at = None
    started = time.process_time()
    for _ in advisor.stream(question, history):
        if probe.called_at is not None:
            break
    ended = probe.called_at if probe.called_at is not None else time.process_time()
    return (ended - started) * 1000


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    setup_logging()
    from advisor.chain import Advisor
    from advisor.retrieval import QUERY_PIECES
    from advisor.settings import Settings
    from ingest.indexer import ingest

    with tempfile.TemporaryDirectory() as tmp:
        # both guides (a comparison searches each side), the project's O*NET files (the setup installs them)
        settings = Settings(data_dir=Path(tmp) / "data", provider="extractive", onet_dir=Settings().resolved_onet_dir)
        ingest(settings, [settings.knowledge_dir, SECOND_GUIDE])
        probe = CostProbe()
        advisor = Advisor(settings, provider=probe)
        for q in ("What do mid-level engineers make in Seattle?", "and at senior level?"):  # warm up
            list(advisor.stream(q))
        repeats = 1 if args.quick else 3
        costs: dict[str, list[float]] = {}
        parsing: dict[str, list[float]] = {}
        for salt in range(repeats):
            for name, (question, history) in requests(salt).items():
                parsing.setdefault(name, []).append(parse_ms(advisor, question, history))
            for name, (question, history) in requests(salt + 100).items():  # new words: no cache from the above
                costs.setdefault(name, []).append(cost_ms(advisor, probe, question, history))
    rows = [Row(f"{name}: parsing CPU", round(median(parsing[name]), 1), "ms", f"≤ {LIMIT_MS:.0f} ms",
                median(parsing[name]) <= LIMIT_MS) for name in costs]
    rows += [Row(f"{name}: CPU before the model", round(median(v), 1), "ms", f"≤ {LIMIT_MS:.0f} ms",
                 median(v) <= LIMIT_MS) for name, v in costs.items()]
    worst = max(median(v) for v in costs.values())
    rows.append(Row("worst request: CPU before the model", round(worst, 1), "ms", f"≤ {LIMIT_MS:.0f} ms",
                    worst <= LIMIT_MS))
    report("parsing", rows, args, notes=["process CPU time, all threads; median of the repeats",
                                         "parsing = understand + the OEWS lookup; the rest is mostly embedding the query (at most "
                                         f"{QUERY_PIECES} word pieces a request)"])


if __name__ == "__main__":
    main()
