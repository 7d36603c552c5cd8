"""Run every benchmark, each in its own process, and print one combined table.

Each script runs as ``python benchmarks/NAME.py --json`` (so memory figures are per process),
streams its own table, and ends with a ``BENCH_JSON`` line that is collected here. The scripts
share one temporary work dir, so retrieval.py reuses the N× index ingest.py built and
memory.py/startup.py reuse the 1× index. Sizes are chosen to keep the whole run under about
15 minutes on a busy 2-core machine: the N× corpus is lowered from 100× to what the 1× ingest
rate says fits in ``--ingest-seconds`` (100 s by default) and retrieval.py times 50 of the 87 golden questions.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as a script: the project, not benchmarks/

import argparse
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time

from benchmarks.common import JSON_MARK, ROOT, Row, table

HERE = ROOT / "benchmarks"
SCRIPT_TIMEOUT = 900  # seconds; a script that hangs is stopped and reported, the rest still run


def plan(args: argparse.Namespace, work: Path) -> list[tuple[str, list[str]]]:
    w = ["--work-dir", str(work)]
    if args.quick:
        return [("ingest", ["--quick", *w]), ("retrieval", ["--quick", *w]), ("answer", ["--quick"]),
                ("memory", w), ("startup", w)]
    return [
        ("ingest", ["--copies", str(args.copies), "--max-seconds", str(args.ingest_seconds), *w]),
        ("retrieval", [*(["--questions", str(args.questions)] if args.questions else []), *w]),  # + --copies
        ("answer", ["--questions", str(args.answers)]),
        ("sources_first", []),
        ("occupation", []),
        ("memory", w),
        ("startup", w),
    ]


def run_script(name: str, extra: list[str]) -> tuple[dict | None, float, str]:
    """Run one script, echoing its output; (its BENCH_JSON payload or None, seconds, error)."""
    cmd = [sys.executable, str(HERE / f"{name}.py"), "--json", *extra]
    print(f"\n$ {' '.join(cmd[1:])}", flush=True)
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, start_new_session=True)
    # a script that hangs is killed with its own process group (our child's; nothing else)
    watchdog = threading.Timer(SCRIPT_TIMEOUT, os.killpg, (proc.pid, signal.SIGKILL))
    watchdog.start()
    payload = None
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.startswith(JSON_MARK):
                payload = json.loads(line[len(JSON_MARK):])
            else:
                print(line, end="", flush=True)
        rc = proc.wait()
    finally:
        watchdog.cancel()
    seconds = time.monotonic() - t0
    if rc == -signal.SIGKILL and seconds >= SCRIPT_TIMEOUT:
        return None, seconds, f"stopped after {SCRIPT_TIMEOUT} s"
    if rc != 0 or payload is None:
        return None, seconds, f"exit code {rc}"
    return payload, seconds, ""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="the smoke-test sizes of every script")
    p.add_argument("--copies", type=int, default=100, help="largest synthetic corpus (×knowledge/)")
    p.add_argument("--ingest-seconds", type=float, default=100, help="time allowed for the N× ingest")
    p.add_argument("--questions", type=int, default=50, help="golden questions timed by retrieval.py")
    p.add_argument("--answers", type=int, default=5, help="questions answered by the local model in answer.py")
    args = p.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-all-"))
    started = time.monotonic()
    rows: list[Row] = []
    names: list[str] = []
    notes: list[str] = []
    payloads: dict[str, dict] = {}
    failures: list[str] = []
    try:
        for name, extra in plan(args, work):
            if name == "retrieval" and not args.quick:  # the N ingest.py settled on
                extra = [*extra, "--copies", str(payloads.get("ingest", {}).get("copies", args.copies))]
            payload, seconds, error = run_script(name, extra)
            payloads[name] = payload or {}
            notes += [f"{name}: {n}" for n in payloads[name].get("notes", [])]
            for row in (payload or {}).get("rows", []):
                rows.append(Row(**row))
                names.append(name)
            rows.append(Row("script wall time", round(seconds, 1), "s", "", None if not error else False))
            names.append(name)
            if error:
                failures.append(f"{name}: FAILED ({error})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = time.monotonic() - started
    rows.append(Row("whole run", round(total / 60, 1), "min", "< 15 min", total < 900))
    names.append("all")

    print("\n\n== all benchmarks ==")
    print(table(rows, extra=dict(enumerate(names))))
    for note in notes + failures:
        print(f"note: {note}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
