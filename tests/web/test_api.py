"""The JSON API on a real server (uvicorn, real Chroma index, extractive provider), driven with httpx."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from advisor.chain import Advisor
from advisor.cli import main as cli_main
from advisor.providers.base import BoundedQueue, GenerationRequest
from advisor.web.feedback import FeedbackStore
from tests.web.conftest import serve, web_settings

SALARY = "What do mid-level engineers make?"
ASK_JSON_KEYS = {"answer", "citations", "refused", "provider", "model", "timings", "notice", "wages", "view", "cached"}
MID_LEVEL = "neural-network-engineer#salary-ranges/mid-level"
ALLOWED = "http://localhost:5173"
OTHER = "http://127.0.0.2:5173"


@pytest.fixture(scope="module")
def client(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def sse_events(response: httpx.Response) -> list[tuple[str, object]]:
    events = []
    for block in response.text.split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in lines:
            events.append((lines["event"], json.loads(lines["data"])))
    return events


def assert_error(response: httpx.Response, status: int, type_: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["type"] == type_ and error["message"]
    return error


# --- chat
def test_chat_returns_the_cli_json(client, indexed_settings, monkeypatch, capsys):
    response = client.post("/api/chat", json={"message": SALARY})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == ASK_JSON_KEYS
    assert not body["refused"] and "$100,000" in body["answer"] and "[1]" in body["answer"]
    assert body["citations"][0]["section_id"] == MID_LEVEL

    monkeypatch.setenv("ADVISOR_DATA_DIR", str(indexed_settings.data_dir))
    assert cli_main(["ask", SALARY, "--provider", "extractive", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert {k: v for k, v in cli.items() if k not in ("timings", "cached")} == {
        k: v for k, v in body.items() if k not in ("timings", "cached")}


def test_the_same_question_again_is_answered_from_the_cache(indexed_settings):
    question = "What do senior engineers earn?"
    with serve(web_settings(indexed_settings)) as live, httpx.Client(base_url=live.url, timeout=60) as c:
        first = c.post("/api/chat", json={"message": question}).json()
        again = c.post("/api/chat", json={"message": "  what do SENIOR engineers earn  "}).json()
        assert not first["cached"] and again["cached"]
        assert again["answer"] == first["answer"] and again["citations"] == first["citations"]
        other = c.post("/api/chat", json={"message": question, "history": [
            {"role": "user", "content": "I am asking about pay."}]}).json()
        assert not other["cached"]  # another conversation is another situation


def test_chat_with_history_and_profile(client):
    response = client.post("/api/chat", json={
        "message": "And what about me?",
        "history": [{"role": "user", "content": SALARY}, {"role": "assistant", "content": "They earn $100,000."}],
        "profile": {"years_experience": 4, "skills": ["Python"], "education": "BSc", "location": "Austin"}})
    assert response.status_code == 200
    assert response.json()["citations"]


def test_off_topic_question_is_refused(client):
    body = client.post("/api/chat", json={"message": "What is the best pizza in Naples?"}).json()
    assert body["refused"] is True and body["citations"] == [] and body["answer"].startswith("I don't know")


def test_stream_sends_tokens_then_citations_then_done(client):
    response = client.post("/api/chat/stream", json={"message": SALARY})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response)
    names = [name for name, _ in events if name != "sources"]
    assert names[0] == "token" and names[-2:] == ["citations", "done"]
    assert set(names[:-2]) == {"token"}
    tokens = "".join(data for name, data in events if name == "token")
    done = events[-1][1]
    assert set(done) == ASK_JSON_KEYS and done["answer"] == tokens.strip()
    assert done["citations"] == events[-2][1] and done["citations"][0]["section_id"] == MID_LEVEL
    # the OEWS tables cited under the guide band are among the sources sent first
    sources = {h["section_id"] for h in events[0][1]}
    wage_ids = {c["section_id"] for c in done["citations"] if c["kind"] == "wages"}
    assert wage_ids and wage_ids <= sources and done["wages"]["citation"]["title"] == "BLS OEWS May 2025"


def test_stream_of_a_refusal_has_no_sources(client):
    names = [name for name, _ in sse_events(client.post("/api/chat/stream", json={"message": "Best pizza in Naples?"}))]
    assert names == ["token", "citations", "done"]


# --- sections
def test_section_by_id(client):
    response = client.get("/api/sections/neural-network-engineer%23salary-ranges%2Fmid-level")
    assert response.status_code == 200
    body = response.json()
    assert body["section_id"] == MID_LEVEL and body["heading_path"] == "Salary Ranges › Mid-Level"
    assert "$100,000" in body["text"] and body["doc"] == "neural-network-engineer"


@pytest.mark.parametrize("path, status", [
    ("/api/sections/neural-network-engineer%23no-such-heading", 404),
    ("/api/sections/..%2F..%2Fetc%2Fpasswd", 400),
    ("/api/sections/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400),
    ("/api/sections/neural-network-engineer%23..%2F..%2Fsecret", 400),
    ("/api/sections/" + "a" * 500, 400),
])
def test_unknown_or_malicious_section_ids(client, path, status):
    assert_error(client.get(path), status, "not_found" if status == 404 else "invalid_request")


# --- health and feedback
def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["index"]["sections"] > 50
    assert body["model"]["provider"] == "extractive" and body["model"]["ready"] is True


def test_feedback_is_stored_in_sqlite(client, indexed_settings):
    response = client.post("/api/feedback", json={
        "rating": "down", "question": "feedback test question", "answer": "an answer [1]",
        "comment": "too vague", "section_ids": [MID_LEVEL], "provider": "extractive", "model": "none"})
    assert response.status_code == 201
    row_id = response.json()["id"]
    rows = {r["id"]: r for r in FeedbackStore(indexed_settings.feedback_db).rows()}
    assert rows[row_id]["rating"] == "down" and rows[row_id]["comment"] == "too vague"
    assert json.loads(rows[row_id]["section_ids"]) == [MID_LEVEL] and rows[row_id]["channel"] == "api"
    with sqlite3.connect(indexed_settings.feedback_db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# --- 400, 404, 405, 413
@pytest.mark.parametrize("content, message_part", [
    (b"{not json", "not valid JSON"),
    (b'{"message": 5}', "message"),
    (b'{"message": ""}', "empty"),
    (b'{"message": "   "}', "empty"),
    (b'{"message": "hi", "unexpected": 1}', "unexpected"),
    (b'{"message": "hi", "history": [{"role": "robot", "content": "x"}]}', "history"),
    (b'{"message": "hi", "profile": {"years_experience": -3}}', "profile"),
    (b'["a list"]', "JSON object"),
    (b"", "JSON body"),
    (json.dumps({"message": "x" * 2500}).encode(), "too long"),
])
def test_bad_chat_requests_are_400(client, content, message_part):
    for path in ("/api/chat", "/api/chat/stream"):
        error = assert_error(client.post(path, content=content, headers={"Content-Type": "application/json"}),
                             400, "invalid_request")
        assert message_part in error["message"]


def test_bad_feedback_is_400(client):
    assert_error(client.post("/api/feedback", json={"rating": "meh", "question": "q", "answer": "a"}),
                 400, "invalid_request")


def test_unknown_routes_and_methods(client):
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.get("/api/chat"), 405, "method_not_allowed")


def test_oversize_body_is_413(client, indexed_settings):
    limit = indexed_settings.max_request_bytes
    big = json.dumps({"message": "salary", "history": [{"role": "user", "content": "x" * 7000}] * 10}).encode()
    assert len(big) > limit
    assert_error(client.post("/api/chat", content=big, headers={"Content-Type": "application/json"}),
                 413, "request_too_large")

    def chunks():  # no Content-Length: the limit applies while reading
        for _ in range(limit // 1000 + 2):
            yield b" " * 1000

    assert_error(client.post("/api/chat", content=chunks(), headers={"Content-Type": "application/json"}),
                 413, "request_too_large")
    # Gradio's own API has a larger limit (it carries the conversation), but a limit all the same
    assert_error(client.post("/gradio_api/queue/join", content=b"x" * 3_000_000,
                             headers={"Content-Type": "application/json"}), 413, "request_too_large")


# --- origins: CORS allowlist, refusals, frame-ancestors
def test_allowed_origin_gets_cors_headers(client):
    for path in ("/healthz", "/config"):  # our route and a Gradio route
        response = client.get(path, headers={"Origin": ALLOWED})
        assert response.headers["access-control-allow-origin"] == ALLOWED
    preflight = client.options("/api/chat", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST",
                                                     "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == ALLOWED
    assert "content-type" in preflight.headers["access-control-allow-headers"]
    response = client.post("/api/chat", json={"message": SALARY}, headers={"Origin": ALLOWED})
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == ALLOWED


@pytest.mark.parametrize("origin", [OTHER, "http://evil.example", "null", "http://localhost.evil.example"])
def test_other_origins_get_no_cors_headers_anywhere(client, origin):
    # a Host that is not localhost is where Gradio's own CORS middleware allows every origin
    for host in (None, "10.0.0.5:7860"):
        headers = {"Origin": origin, **({"Host": host} if host else {})}
        for path in ("/", "/config", "/gradio_api/info", "/healthz", "/widget.js"):
            response = client.get(path, headers=headers)
            assert not [h for h in response.headers if h.startswith("access-control-")], (path, host)
        preflight = client.options("/api/chat", headers={**headers, "Access-Control-Request-Method": "POST"})
        assert_error(preflight, 403, "origin_not_allowed")
        assert "access-control-allow-origin" not in preflight.headers
        for path in ("/api/chat", "/api/chat/stream", "/api/feedback", "/gradio_api/queue/join"):
            refused = client.post(path, json={"message": SALARY}, headers=headers)
            assert_error(refused, 403, "origin_not_allowed")
            assert "access-control-allow-origin" not in refused.headers
        assert_error(client.get("/api/sections/neural-network-engineer%23overview", headers=headers),
                     403, "origin_not_allowed")


def test_gradio_alone_would_let_any_origin_in():
    """The control for the test above: Gradio's own middleware answers a foreign origin."""
    import gradio as gr
    from fastapi import FastAPI
    from starlette.testclient import TestClient

    with gr.Blocks() as blocks:
        gr.Markdown("hello")
    bare = gr.mount_gradio_app(FastAPI(), blocks, path="/")
    response = TestClient(bare, base_url="http://advisor.example.com").get(
        "/config", headers={"Origin": "http://evil.example"})
    assert response.headers.get("access-control-allow-origin") == "http://evil.example"


def test_frame_ancestors_on_embed_and_chat_page(client):
    embed = client.get("/embed")
    assert embed.status_code == 200
    csp = embed.headers["content-security-policy"]
    assert "frame-ancestors 'self' http://localhost:* http://127.0.0.1:*" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert "frame-ancestors 'self'" in client.get("/").headers["content-security-policy"]


def test_widget_script(client):
    response = client.get("/widget.js")
    assert response.status_code == 200 and "javascript" in response.headers["content-type"]
    assert "__ADVISOR_PUBLIC_URL__" not in response.text and 'var configured = "";' in response.text


# --- separate servers: rate limit, busy model, API keys
@pytest.fixture(scope="module")
def limited(indexed_settings):
    with serve(web_settings(indexed_settings, rate_limit_per_minute=2, warm_up=False)) as live:
        yield live


def test_rate_limit_is_429_with_retry_after(limited):
    with httpx.Client(base_url=limited.url, timeout=60) as c:
        assert [c.post("/api/chat", json={"message": SALARY}).status_code for _ in range(2)] == [200, 200]
        for path in ("/api/chat", "/api/chat/stream", "/api/feedback", "/v1/chat/completions"):
            response = c.post(path, json={"message": SALARY})
            assert response.status_code == 429 and response.json()["error"]["code" if "/v1/" in path else "type"] \
                == "rate_limited"
            assert 1 <= int(response.headers["retry-after"]) <= 30
        for call in (lambda: c.get("/api/wages", params={"occupation": "software developers", "area": "Seattle"}),
                     lambda: c.post("/gradio_api/upload", files={"files": ("a.txt", b"a", "text/plain")})):
            assert_error(call(), 429, "rate_limited")  # wage lookups and uploads cost work too
        assert c.get("/healthz").status_code == 200  # reads are not limited


LINE = "Mid-level (mid-career) Neural Network Engineers in the US earn $100,000 to $150,000 annually. [1]\n"


class BlockingProvider:
    """A scripted model whose first answer holds the only slot until released; ``waiting`` may queue."""

    name, model, uses_llm = "blocking", "scripted-test-model", True

    def __init__(self, waiting: int = 0) -> None:
        self.queue = BoundedQueue(slots=1, waiting=waiting, retry_after=7)
        self.started, self.release = threading.Event(), threading.Event()
        self.finished, self.abandoned = threading.Semaphore(0), threading.Semaphore(0)

    def stream(self, request: GenerationRequest):
        done = False
        try:
            with self.queue.slot():
                self.started.set()
                self.release.wait(timeout=30)
                yield LINE
                yield LINE.replace("Mid-level (mid-career)", "Mid-level")
                done = True
        finally:
            (self.finished if done else self.abandoned).release()

    def status(self) -> dict[str, object]:
        return {"provider": self.name, "model": self.model, "in_flight": self.queue.in_flight}


def test_busy_model_is_503_with_retry_after(indexed_settings):
    settings = web_settings(indexed_settings, warm_up=False)
    provider = BlockingProvider()
    with serve(settings, Advisor(settings, provider=provider)) as live, \
            httpx.Client(base_url=live.url, timeout=60) as c:
        first: dict = {}
        holder = threading.Thread(target=lambda: first.update(r=c.post("/api/chat", json={"message": SALARY})))
        holder.start()
        assert provider.started.wait(timeout=30)
        try:
            for path in ("/api/chat", "/api/chat/stream"):
                response = c.post(path, json={"message": SALARY})
                assert_error(response, 503, "model_busy")
                assert response.headers["retry-after"] == "7"
        finally:
            provider.release.set()
            holder.join(timeout=30)
        assert first["r"].status_code == 200 and first["r"].json()["provider"] == "blocking"


def test_a_client_that_leaves_the_queue_stops_its_generation(indexed_settings):
    # room for all three answers of this one client (the one that left may not be counted out yet)
    settings = web_settings(indexed_settings, warm_up=False, max_in_flight_per_client=3)
    provider = BlockingProvider(waiting=2)
    with serve(settings, Advisor(settings, provider=provider)) as live, \
            httpx.Client(base_url=live.url, timeout=60) as c:
        holder = threading.Thread(target=lambda: c.post("/api/chat", json={"message": SALARY}))
        holder.start()
        assert provider.started.wait(timeout=30)
        for path in ("/api/chat", "/api/chat/stream"):  # each waits in the queue, then gives up
            with pytest.raises(httpx.ReadTimeout):
                httpx.post(live.url + path, json={"message": SALARY}, timeout=2.5)
        time.sleep(1.5)  # the server looks for departed clients every second
        provider.release.set()
        holder.join(timeout=30)
        assert provider.finished.acquire(timeout=10)  # the first answer ran to the end
        for _ in range(2):  # the two that left were stopped after their first line, not run out
            assert provider.abandoned.acquire(timeout=15)
        assert provider.queue.in_flight == 0


class BrokenProvider:
    """A scripted model that says one good line and then crashes."""

    name, model, uses_llm = "broken", "scripted-test-model", True

    def stream(self, request: GenerationRequest):
        yield "Mid-level (mid-career) Neural Network Engineers in the US earn $100,000 to $150,000 annually. [1]\n"
        raise RuntimeError("the model process died")

    def status(self) -> dict[str, object]:
        return {"provider": self.name, "model": self.model}


def test_a_failure_mid_stream_ends_with_an_error_event(indexed_settings):
    settings = web_settings(indexed_settings, warm_up=False)
    with serve(settings, Advisor(settings, provider=BrokenProvider())) as live, \
            httpx.Client(base_url=live.url, timeout=60) as c:
        response = c.post("/api/chat/stream", json={"message": SALARY})
        assert response.status_code == 200
        events = sse_events(response)
        assert [n for n, _ in events if n != "sources"] == ["token", "error"]
        assert events[-1][1] == {"message": "The answer failed; please try again.", "type": "internal_error",
                                 "status": 500}
        assert_error(c.post("/api/chat", json={"message": SALARY}), 500, "internal_error")


def test_api_keys_when_configured(indexed_settings, caplog):
    caplog.set_level("DEBUG")
    settings = web_settings(indexed_settings, api_keys=[SecretStr("s3cret")], warm_up=False)
    assert "s3cret" not in repr(settings) and "s3cret" not in str(settings.model_dump())
    with serve(settings) as live, httpx.Client(base_url=live.url, timeout=60) as c:
        assert_error(c.post("/api/chat", json={"message": SALARY}), 401, "unauthorized")
        assert_error(c.post("/api/chat", json={"message": SALARY}, headers={"X-API-Key": "wrong"}),
                     401, "unauthorized")
        assert c.post("/api/chat", json={"message": SALARY}, headers={"X-API-Key": "s3cret"}).status_code == 200
        assert c.get("/api/sections/neural-network-engineer%23overview",
                     headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert c.get("/healthz").status_code == 200
    assert "s3cret" not in caplog.text and "wrong" not in caplog.text
