"""Concurrent chats against the real app (a `python app.py` subprocess on loopback).

Extractive provider: 500 requests at concurrency 16. Local model: 20 requests at concurrency 4,
against a queue of one running answer and ``ADVISOR_LLM_QUEUE`` waiting. Over capacity the app
must answer 429/503 with Retry-After — never hang, never another 5xx. Bounded in requests and
time; prints p50/p95 latency, throughput and the server's RSS before and after.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as a script: the project, not benchmarks/

import json
import os
import socket
import subprocess
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx

from benchmarks.common import ROOT, Row, median, parser, percentile, report, setup_logging

QUESTIONS = [json.loads(l)["question"] for l in (ROOT / "evals" / "golden.jsonl").read_text().splitlines()
             if '"in_scope"' in l][:40]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_app(provider: str, data_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "ADVISOR_PROVIDER": provider, "ADVISOR_DATA_DIR": str(data_dir),
           "ADVISOR_PORT": str(port), "ADVISOR_RATE_LIMIT_PER_MINUTE": "100000"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            health = httpx.get(f"{url}/healthz", timeout=2).json()
            if provider != "local" or health.get("model", {}).get("loaded"):
                return proc, url
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"the app did not become ready on {url}")


def one_request(url: str, n: int, timeout: float) -> tuple[int, float, bool]:
    started = time.perf_counter()
    try:
        r = httpx.post(f"{url}/api/chat", json={"message": QUESTIONS[n % len(QUESTIONS)]}, timeout=timeout)
        return r.status_code, time.perf_counter() - started, "retry-after" in r.headers
    except httpx.HTTPError:
        return 0, time.perf_counter() - started, False  # a hang or a dropped connection


def load(provider: str, requests: int, concurrency: int, timeout: float, data_dir: Path) -> list[Row]:
    proc, url = start_app(provider, data_dir)
    try:
        httpx.post(f"{url}/api/chat", json={"message": QUESTIONS[0]}, timeout=timeout)  # warm caches
        rss_before = server_rss_mb(proc.pid)
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(lambda n: one_request(url, n, timeout), range(requests)))
        wall = time.perf_counter() - started
        rss_after = server_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    statuses = Counter(status for status, _, _ in results)
    ok = [t for status, t, _ in results if status == 200]
    shed = [(s, ra) for s, _, ra in results if s in (429, 503)]
    bad = sum(n for s, n in statuses.items() if s == 0 or (s >= 500 and s != 503))
    tag = f"{provider} ×{concurrency}"
    return [
        Row(f"{tag}: requests", requests),
        Row(f"{tag}: statuses", " ".join(f"{s}:{n}" for s, n in sorted(statuses.items()))),
        Row(f"{tag}: 5xx other than 503, or hangs", bad, "", "0", bad == 0),
        Row(f"{tag}: 429/503 with Retry-After", f"{sum(ra for _, ra in shed)}/{len(shed)}", "", "all",
            all(ra for _, ra in shed)),
        Row(f"{tag}: p50 latency", round(median(ok) * 1000, 1), "ms"),
        Row(f"{tag}: p95 latency", round(percentile(ok, 0.95) * 1000, 1), "ms"),
        Row(f"{tag}: throughput", round(len(ok) / wall, 2), "answers/s"),
        Row(f"{tag}: server RSS before → after", f"{rss_before:,.0f} → {rss_after:,.0f}", "MB"),
        Row(f"{tag}: RSS growth", round((rss_after - rss_before) / rss_before * 100, 1), "%", "≤ 10 %",
            rss_after <= rss_before * 1.10),
    ]


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    setup_logging()
    from advisor.settings import Settings
    from ingest.indexer import ingest

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        ingest(Settings(data_dir=data))
        rows = load("extractive", 60 if args.quick else 500, 16, 60, data)
        if not args.quick:
            rows += load("local", 20, 4, 600, data)
    report("load", rows, args, notes=["the local model serves one answer at a time; the rest queue or get 503"])


if __name__ == "__main__":
    main()
