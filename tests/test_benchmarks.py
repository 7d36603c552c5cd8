"""Smoke test: the ingest and retrieval benchmarks run end to end in their --quick sizes.

They run as subprocesses, exactly as a person would run them, and share a work dir so the
retrieval benchmark reuses the 5× index the ingest benchmark built. No timing is asserted:
the figures depend on the machine and its load.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.settings import PROJECT_ROOT

BENCHMARKS = PROJECT_ROOT / "benchmarks"
TIMEOUT = 600


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench")


def run_benchmark(name: str, work_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCHMARKS / f"{name}.py"), "--quick", "--json", "--work-dir", str(work_dir)],
                          capture_output=True, text=True, timeout=TIMEOUT, cwd=PROJECT_ROOT)


def table_and_payload(out: str, name: str) -> dict:
    assert f"== {name} ==" in out
    assert "metric" in out and "value" in out
    payload_lines = [line for line in out.splitlines() if line.startswith("BENCH_JSON ")]
    assert len(payload_lines) == 1
    return json.loads(payload_lines[0].removeprefix("BENCH_JSON "))


def test_ingest_benchmark_quick(work_dir: Path) -> None:
    done = run_benchmark("ingest", work_dir)
    assert done.returncode == 0, done.stderr[-3000:]
    payload = table_and_payload(done.stdout, "ingest")
    assert payload["copies"] == 5
    metrics = {r["metric"] for r in payload["rows"]}
    assert "1×: no-op re-ingest / full ingest" in metrics
    assert "5×: peak RSS during ingest" in metrics


def test_retrieval_benchmark_quick(work_dir: Path) -> None:
    done = run_benchmark("retrieval", work_dir)
    assert done.returncode == 0, done.stderr[-3000:]
    payload = table_and_payload(done.stdout, "retrieval")
    metrics = {r["metric"] for r in payload["rows"]}
    assert {"1×: search cold / bare embedding, median per question",
            "5×: search cold / bare embedding, median per question"} <= metrics
