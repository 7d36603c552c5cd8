"""Sources on screen and repeated questions: Enter → sources visible in Chromium, and a cache hit.

Why: on 2 cores the local model reads its prompt for 10–15 s, while the sources are found in tens
of milliseconds. They should be on screen at once, on the chat page and in the widget (target:
≤ 300 ms after Enter, median), and a question asked before should not wait for the model at all
(target: ≤ 50 ms end to end through ``POST /api/chat``, median).

The app runs in-process on a temporary index of knowledge/, with a stand-in model that takes
``--model-seconds`` before its first line (the wait is the model's, not ours), in Debian's
chromium. Each surface gets different questions, so none is answered from the cache; the time is
read inside the page (keydown of Enter → first source chip in the DOM, by a MutationObserver).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # as a script: the project, not benchmarks/

import threading
import time

from benchmarks.common import ROOT, Row, median, parser, ratio_row, report, setup_logging

SOURCES_TARGET_MS = 300.0
CACHE_HIT_TARGET_MS = 50.0
CHROMIUM = Path("/usr/bin/chromium")
PAGE_QUESTIONS = ["What do mid-level engineers earn?", "Which programming languages should I learn?",
                  "What are the main challenges of the job?", "How do I move into a senior role?",
                  "Which industries hire the most?"]
WIDGET_QUESTIONS = ["What does the job involve day to day?", "Is a PhD required?", "What soft skills matter?",
                    "Where are the geographical hotspots?", "How is the job market?"]
CACHED_QUESTION = "What do senior engineers earn?"
# in the page: the time of Enter, and the time the first source chip appears (set by a MutationObserver)
TIMER = """(chip) => {
  window.__enter = null; window.__chip = null;
  document.addEventListener("keydown", (e) => { if (e.key === "Enter") window.__enter = performance.now(); }, true);
  new MutationObserver(() => {
    if (window.__enter !== null && window.__chip === null && document.querySelector(chip)) window.__chip = performance.now();
  }).observe(document.body, {childList: true, subtree: true});
}"""


class FirstLineAfter:
    """A stand-in model: the extractive lines, after ``seconds`` of "reading the prompt"."""

    name, model, uses_llm = "stand-in", "extractive-after-a-wait", True

    def __init__(self, seconds: float) -> None:
        from advisor.providers.base import BoundedQueue
        from advisor.providers.extractive import ExtractiveProvider

        self.seconds, self.inner, self.queue = seconds, ExtractiveProvider(), BoundedQueue(slots=1, waiting=8)

    def stream(self, request):
        with self.queue.slot():
            time.sleep(self.seconds)
            yield from self.inner.stream(request)

    def warm_up(self) -> None:
        """Nothing to load."""

    def status(self) -> dict[str, object]:
        return {"provider": self.name, "model": self.model}


def serve(settings, provider):
    import uvicorn

    from advisor.chain import Advisor
    from advisor.web.factory import create_app
    from benchmarks.load import free_port

    server = uvicorn.Server(uvicorn.Config(create_app(settings, Advisor(settings, provider=provider)),
                                           host="127.0.0.1", port=free_port(), log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{server.config.port}"


def sources_visible_ms(page, url: str, box: str, chip: str, answered: str, questions: list[str]) -> list[float]:
    """Enter → first source chip, per question, read inside the page."""
    page.goto(url)
    page.locator(box).wait_for()
    out = []
    for i, question in enumerate(questions):
        page.evaluate(TIMER, chip)
        page.locator(box).fill(question)
        page.locator(box).press("Enter")
        deadline = time.monotonic() + 60
        while page.evaluate("() => window.__chip") is None:  # polled: /embed's CSP allows no eval
            assert time.monotonic() < deadline, "no source appeared"
            page.wait_for_timeout(10)
        out.append(page.evaluate("() => window.__chip - window.__enter"))
        page.locator(answered).nth(i).wait_for(timeout=60_000)  # let the answer finish before the next question
    return out


def cache_hit_ms(url: str, runs: int = 10) -> tuple[float, float]:
    """(the first answer's time, the median of ``runs`` repeats) through POST /api/chat."""
    import httpx

    with httpx.Client(base_url=url, timeout=60) as client:
        start = time.perf_counter()
        assert not client.post("/api/chat", json={"message": CACHED_QUESTION}).json()["cached"]
        first = (time.perf_counter() - start) * 1000
        hits = []
        for _ in range(runs):
            start = time.perf_counter()
            assert client.post("/api/chat", json={"message": CACHED_QUESTION}).json()["cached"]
            hits.append((time.perf_counter() - start) * 1000)
    return first, median(hits)


def main() -> None:
    ap = parser(__doc__.splitlines()[0])
    ap.add_argument("--model-seconds", type=float, default=3.0, help="the stand-in model's wait before its first line")
    args = ap.parse_args()
    setup_logging()
    import tempfile

    from playwright.sync_api import sync_playwright

    from advisor.settings import Settings
    from ingest.indexer import ingest

    n = 2 if args.quick else len(PAGE_QUESTIONS)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", onet_dir=ROOT / "data" / "onet", warm_up=False,
                            rate_limit_per_minute=100_000)
        ingest(settings)
        server, thread, url = serve(settings, FirstLineAfter(args.model_seconds))
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
                page = browser.new_page()
                on_page = sources_visible_ms(page, url + "/", "#adv-question textarea", ".adv-chip",
                                             ".adv-answer.adv-cited", PAGE_QUESTIONS[:n])
                in_widget = sources_visible_ms(page, url + "/embed", "#question", ".chip", ".msg.cited",
                                               WIDGET_QUESTIONS[:n])
                browser.close()
            first, hit = cache_hit_ms(url)
        finally:
            server.should_exit = True
            thread.join(timeout=30)
    rows = [Row("chat page: Enter → sources visible (median)", round(median(on_page), 1), "ms",
                f"≤ {SOURCES_TARGET_MS:.0f} ms", median(on_page) <= SOURCES_TARGET_MS),
            Row("widget: Enter → sources visible (median)", round(median(in_widget), 1), "ms",
                f"≤ {SOURCES_TARGET_MS:.0f} ms", median(in_widget) <= SOURCES_TARGET_MS),
            ratio_row("chat page: sources visible / target", median(on_page) / SOURCES_TARGET_MS, 1.0),
            ratio_row("widget: sources visible / target", median(in_widget) / SOURCES_TARGET_MS, 1.0),
            Row("POST /api/chat, first time (stand-in model)", round(first, 1), "ms"),
            Row("POST /api/chat, answer-cache hit (median of 10)", round(hit, 1), "ms",
                f"≤ {CACHE_HIT_TARGET_MS:.0f} ms", hit <= CACHE_HIT_TARGET_MS),
            ratio_row("cache hit / target", hit / CACHE_HIT_TARGET_MS, 1.0)]
    report("sources_first", rows, args, notes=[
        f"each figure is one run on this machine; stand-in model waits {args.model_seconds:g} s before its first line",
        f"chat page, per question (ms): {', '.join(f'{v:.0f}' for v in on_page)}",
        f"widget, per question (ms): {', '.join(f'{v:.0f}' for v in in_widget)}"])


if __name__ == "__main__":
    main()
