"""Latency of an occupation answer (O*NET + OEWS, rule-built, no model) against the extractive budget.

Why: an occupation answer must cost no more than the cheapest guide answer we have (the extractive
provider's: retrieval and the guides' own sentences), since it too runs retrieval first and then
only reads two small files and the wage database. Target: its median and p95 at or under the
extractive guide answers'. Also the worst question we can build (2,000 characters of job titles).
Questions: "What does a <title> do?" for titles picked with a fixed seed, after a warm-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as a script: the project, not benchmarks/

import random
import tempfile
import time

from benchmarks.common import ROOT, Row, golden, median, parser, report, setup_logging, spread


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    setup_logging()
    from advisor.chain import Advisor
    from advisor.onet.data import open_occupations
    from advisor.settings import Settings
    from ingest.indexer import ingest

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", provider="extractive", onet_dir=ROOT / "data" / "onet")
        ingest(settings)
        advisor = Advisor(settings)
        titles = [o.title for o in random.Random(17).sample(list(open_occupations(settings).occupations),
                                                             5 if args.quick else 40)]
        # every question a different one on both sides: a repeat would skip embedding (the query cache)
        guide_questions = [c["question"] for c in spread(golden("in_scope", with_history=False), 5 if args.quick else 40)]
        for q in ("What does a registered nurse do?", "What does a neural network engineer do?"):  # warm up
            advisor.ask(q)

        def timed(question: str) -> tuple[float, str]:
            started = time.perf_counter()
            answer = advisor.ask(question)
            return (time.perf_counter() - started) * 1000, answer.provider

        guide = [timed(q)[0] for q in guide_questions]
        occupation = [timed(f"What does a {t} do?") for t in titles]
        crafted = " vs ".join(titles * 40)[:1999] + "?"
        cpu = time.process_time()
        advisor.ask(crafted)
        crafted_cpu = (time.process_time() - cpu) * 1000
    ms = [t for t, _ in occupation]
    by_onet = sum(p == "onet" for _, p in occupation)
    rows = [Row("extractive guide answer, median", round(median(guide), 1), "ms"),
            Row("extractive guide answer, p95", round(p95(guide), 1), "ms"),
            Row("occupation answer, median", round(median(ms), 1), "ms", "≤ extractive median",
                median(ms) <= median(guide)),
            Row("occupation answer, p95", round(p95(ms), 1), "ms", "≤ extractive p95", p95(ms) <= p95(guide)),
            Row("occupation questions answered from O*NET", f"{by_onet}/{len(occupation)}", "", "all",
                by_onet == len(occupation)),
            Row("2,000 characters of job titles: CPU of the whole answer", round(crafted_cpu, 1), "ms")]
    report("occupation", rows, args, notes=["wall time of Advisor.ask, warm; no model call in either kind; no question "
                                            "asked twice (distinct golden in-scope questions against distinct titles)",
                                            "titles picked with random.Random(17) from the O*NET file"])


if __name__ == "__main__":
    main()
