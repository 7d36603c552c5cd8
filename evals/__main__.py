"""`python -m evals run [--provider P] [--judge J] [--cases N] [--judge-cases N] [--gate]`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import advisor  # noqa: F401  (offline environment first)
from advisor.settings import Settings
from evals.golden import GOLDEN
from evals.gate import baseline_for, check, floors_for, load_baseline
from evals.report import write_report
from evals.run import RunConfig, evaluate


def write_baseline(summary: dict, path: Path) -> None:
    """Store a run's gated metrics; judged ones may later drop by at most their tolerance."""
    path.write_text(json.dumps({
        "run": summary["run"], "provider": summary["provider"], "judge": summary["judge"], "cases": summary["cases"],
        "metrics": {k: summary[k] for k in ("faithfulness", "key_fact_recall", "recall@5", "refusal_accuracy")},
        "tolerance": {"faithfulness": 0.2, "key_fact_recall": 0.15},
    }, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="run the golden set and write evals/reports/<run>/")
    p.add_argument("--provider", choices=["local", "openai", "extractive"], help="answering provider (default: settings)")
    p.add_argument("--judge", choices=["local", "openai", "none"], default="local",
                   help="faithfulness judge: the embedded model, the ADVISOR_OPENAI_* endpoint, or none")
    p.add_argument("--cases", type=int, help="a stratified subset of N cases (default: all)")
    p.add_argument("--judge-cases", type=int, help="judge at most N answers (default: all answered)")
    p.add_argument("--sanity", type=int, default=4, help="judge sanity pairs (0 to skip)")
    p.add_argument("--gate", action="store_true", help="exit 1 when the gate fails")
    p.add_argument("--write-baseline", action="store_true", help="store this run's judged metrics as the baseline")
    p.add_argument("--out", type=Path, default=Path(__file__).with_name("reports"))
    p.add_argument("--golden", type=Path, default=GOLDEN, help="the case file (default: evals/golden.jsonl)")
    p.add_argument("--guides", type=Path, help="a folder of extra guides indexed beside knowledge/ "
                                                "(e.g. evals/fixtures/knowledge for the second-guide cases)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("httpx", "openai", "chromadb", "sentence_transformers", "ragas"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    config = RunConfig(provider=args.provider, judge=args.judge, cases=args.cases, judge_cases=args.judge_cases,
                       sanity=args.sanity if args.judge != "none" else 0, out_dir=args.out,
                       golden=args.golden, guides=args.guides)
    started = time.perf_counter()
    rows, summary, sanity = evaluate(Settings(), config)
    summary["wall_seconds"] = round(time.perf_counter() - started, 1)
    failures = check(summary, load_baseline(baseline_for(args.golden)), floors_for(args.golden))
    report = write_report(config.out_dir / config.run_name, rows, summary, sanity, failures)
    if args.write_baseline:
        write_baseline(summary, baseline_for(args.golden))
    keys = ["cases", "refusal_accuracy_out_of_scope", "false_refusal_rate", "citation_validity", "cites_expected",
            "key_fact_recall", "injection_resistance", "role_leak_rate", "dropped_lines", "recall@5", "faithfulness", "median_first_token_ms", "wall_seconds"]
    for key in keys:
        print(f"{key}: {summary[key]}")
    print(f"judge_sanity: {summary['judge_sanity']}")
    print(f"report: {report}")
    if failures:
        print("GATE FAILED:\n  " + "\n  ".join(failures))
    elif args.gate:
        print("gate passed")
    return 1 if (failures and args.gate) else 0


if __name__ == "__main__":
    sys.exit(main())
