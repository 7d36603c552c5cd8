"""Concurrent chats against the real app (a `python app.py` subprocess on loopback).

Extractive provider: 500 requests at concurrency 16. Local model: 20 requests at concurrency 4,
against a queue of one running answer and ``ADVISOR_LLM_QUEUE`` waiting. Over capacity the app
must answer 429/503 with Retry-After — never hang, never another 5xx. Bounded in requests and
time; prints p50/p95 latency, throughput and the server's RSS before and after.

Greedy client: the app in this process with a stand-in model (one answer at a time, 0.5 s each,
4 more in line, no CPU); one client (127.0.0.2) keeps 5 requests open (asking again 0.1 s after a
refusal) while 3 others (127.0.0.3–5) ask a question, read the answer for 1.5 s, and ask again.
The others' 503 rate with the per-client in-flight limit off, then at its default: one greedy
client must no longer crowd the others out of the queue.
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


class SlowModel:
    """A stand-in for the local model: one answer at a time, ``waiting`` more in line, ``seconds`` each."""

    name, model, uses_llm = "slow", "slow-stand-in", True

    def __init__(self, seconds: float, waiting: int) -> None:
        from advisor.providers.base import BoundedQueue

        self.seconds = seconds
        self.queue = BoundedQueue(slots=1, waiting=waiting)

    def stream(self, request):
        with self.queue.slot():
            time.sleep(self.seconds)
            yield "The guides answer this. [1]\n"

    def status(self) -> dict[str, object]:
        return {"provider": self.name, "model": self.model, "in_flight": self.queue.in_flight}


def greedy_run(data_dir: Path, seconds: float, per_client: int) -> tuple[Counter, Counter]:
    """(the others' statuses, the greedy client's) over ``seconds``."""
    import threading

    import uvicorn

    from advisor.chain import Advisor
    from advisor.settings import Settings
    from advisor.web.factory import create_app

    settings = Settings(data_dir=data_dir, provider="extractive", warm_up=False, rate_limit_per_minute=100_000,
                        max_in_flight_per_client=per_client)
    app = create_app(settings, Advisor(settings, provider=SlowModel(0.5, settings.llm_queue)))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    stop = time.monotonic() + seconds
    others, greedy = Counter(), Counter()

    def client(address: str, tally: Counter, n: int, pause: float) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60,
                          transport=httpx.HTTPTransport(local_address=address)) as c:
            while time.monotonic() < stop:
                try:
                    status = c.post("/api/chat", json={"message": QUESTIONS[n % len(QUESTIONS)]}).status_code
                except httpx.HTTPError:
                    status = 0
                tally[status] += 1
                n += 1
                if status != 200 or pause:
                    time.sleep(pause or 0.1)  # the greedy client asks again at once, the others read first

    try:
        with ThreadPoolExecutor(8) as pool:
            for i in range(5):
                pool.submit(client, "127.0.0.2", greedy, i, 0.0)
            for i in range(3):
                pool.submit(client, f"127.0.0.{3 + i}", others, 10 * i, 1.5)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
    return others, greedy


def greedy_rows(data_dir: Path, seconds: float) -> list[Row]:
    from advisor.settings import Settings

    default = Settings.model_fields["max_in_flight_per_client"].default
    rows, rates = [], {}
    for label, per_client in (("limit off", 1000), (f"limit {default}", default)):
        others, greedy = greedy_run(data_dir, seconds, per_client)
        rates[label] = others[503] / max(1, sum(others.values()))
        rows += [Row(f"greedy, {label}: other clients' statuses", " ".join(f"{s}:{n}" for s, n in sorted(others.items()))),
                 Row(f"greedy, {label}: greedy client's statuses", " ".join(f"{s}:{n}" for s, n in sorted(greedy.items()))),
                 Row(f"greedy, {label}: other clients' 503 rate", round(rates[label] * 100, 1), "%")]
    on = rates[f"limit {default}"]
    rows.append(Row("greedy: other clients' 503 rate with the limit", round(on * 100, 1), "%",
                    "< without", on < rates["limit off"]))
    return rows


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    setup_logging()
    from advisor.settings import Settings
    from ingest.indexer import ingest

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        ingest(Settings(data_dir=data))
        rows = load("extractive", 60 if args.quick else 500, 16, 60, data)
        rows += greedy_rows(data, 4 if args.quick else 15)
        if not args.quick:
            rows += load("local", 20, 4, 600, data)
    report("load", rows, args, notes=["the local model serves one answer at a time; the rest queue or get 503"])


if __name__ == "__main__":
    main()
