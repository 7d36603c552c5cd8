"""Time from process start to the first answer (cold), and the next answer in the same process (warm).

Why: a fresh process (a restarted app, a CLI ``advisor ask``) pays for imports, the embedding
model, opening Chroma and loading the local model before the first answer; it helps to know how
much of the first wait is that start-up and how much is the answer itself.

The index is prebuilt (``benchmarks/corpus.py``, not timed). A child process is started with
``subprocess``; it reports CLOCK_MONOTONIC timestamps (shared by all processes) at each stage,
so the parent measures from just before it spawned the child. Cold = the child's first
answer, model not loaded yet; warm = a second, different in-scope question in the same child.
The OS page cache is not dropped (the machine is shared), so "cold" means a cold process, not
a cold disk.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as a script: the project, not benchmarks/

import argparse
import json
import subprocess
import time

from benchmarks.common import ROOT, Row, in_work_dir, golden, parser, report, setup_logging, spread
from benchmarks.corpus import corpus_settings

CHILD_TIMEOUT = 900


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--work-dir", type=Path, default=None, help="reuse the 1× index kept here")
    p.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(args.child)
        return
    setup_logging()
    rows = in_work_dir(args.work_dir, "bench-startup-", run)
    report("startup", rows, args, ["timestamps: CLOCK_MONOTONIC; MiniLM loads when the Advisor opens the store; "
                                   "the local model loads inside the first answer, before its first token"])


def run(work: Path) -> list[Row]:
    script = ROOT / "benchmarks" / "startup.py"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(work), "--copies", "1"],
                   check=True, stdout=subprocess.DEVNULL, timeout=600)
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, str(script), "--child", str(work)], capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT, check=True)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    at = {name: (ts - t0) for name, ts in got["marks"].items()}
    first, second = got["answers"]
    cold_token_s = at["advisor ready"] + first["timings"]["first_token_ms"] / 1000
    start_up_s = at["advisor ready"] + got["model_load_s"]
    return [
        Row("process start → interpreter running our code", round(at["python up"], 2), "s"),
        Row("→ advisor imports done", round(at["imports done"], 2), "s"),
        Row("→ Advisor built (MiniLM loaded, Chroma opened)", round(at["advisor ready"], 2), "s"),
        Row("cold: first answer's retrieval (incl. BM25 build)", round(first["timings"]["retrieve_ms"]), "ms"),
        Row("cold: local model load (in the first answer)", round(got["model_load_s"], 2), "s"),
        Row("cold: process start → first token", round(cold_token_s, 1), "s"),
        Row("cold: process start → first answer done", round(at["first answer"], 1), "s"),
        Row("cold: the first answer itself (its own timings, incl. model load)", round(first["timings"]["total_ms"] / 1000, 1), "s"),
        Row("cold: start-up (to Advisor built + model load) / whole cold wait", round(100 * start_up_s / at["first answer"], 1), "%"),
        Row("warm: second answer (another question), first token", round(second["timings"]["first_token_ms"] / 1000, 1), "s"),
        Row("warm: second answer, done", round(second["timings"]["total_ms"] / 1000, 1), "s"),
        Row("cold wait / warm answer", round(at["first answer"] / (second["timings"]["total_ms"] / 1000), 2), "×"),
        Row("answers (provider, refused)", " / ".join(f"{a['provider']}{' refused' if a['refused'] else ''}"
                                                      for a in (first, second))),
    ]


def child(work: Path) -> None:
    marks = {"python up": time.monotonic()}
    import advisor  # noqa: F401  (offline environment first)
    from advisor.chain import Advisor
    from advisor.providers.llama_server import shared_server

    marks["imports done"] = time.monotonic()
    settings = corpus_settings(work, 1, provider="local")
    chain = Advisor(settings)
    marks["advisor ready"] = time.monotonic()
    first_q, second_q = spread([r["question"] for r in golden("in_scope", with_history=False)], 2)
    answers = [chain.ask(first_q).model_dump()]
    marks["first answer"] = time.monotonic()
    answers.append(chain.ask(second_q).model_dump())
    marks["second answer"] = time.monotonic()
    server = shared_server(settings.resolved_model_path, settings.llm_threads, settings.llm_context)
    print(json.dumps({"marks": marks, "answers": answers, "model_load_s": server.load_seconds}))


if __name__ == "__main__":
    main()
