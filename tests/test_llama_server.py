"""The embedded llama.cpp server: real model, real HTTP, the official openai client, no mocks."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import openai
import pytest

from advisor.errors import ConfigError, ProviderError
from advisor.providers.llama_server import LlamaServer, shared_server
from advisor.settings import Settings

SETTINGS = Settings()
MODEL: Path = SETTINGS.resolved_model_path
PONG = [{"role": "user", "content": "Reply with the single word: pong"}]


@pytest.fixture(scope="module")
def server() -> LlamaServer:
    """The process-wide server, started once; left running for other modules (stopped at exit)."""
    assert MODEL.is_file(), f"local model not installed at {MODEL} (run `advisor install-model`)"
    srv = shared_server(MODEL, SETTINGS.llm_threads, SETTINGS.llm_context)
    srv.start()
    return srv


@pytest.fixture(scope="module")
def client(server: LlamaServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key=server.api_key, max_retries=0, timeout=120)


@pytest.mark.model
def test_chat_completion_answers(server: LlamaServer, client: openai.OpenAI) -> None:
    resp = client.chat.completions.create(
        model=server.model_name, messages=PONG, temperature=0, seed=0, max_tokens=16
    )
    text = resp.choices[0].message.content or ""
    assert text.strip(), resp
    assert resp.usage is not None and resp.usage.completion_tokens > 0


@pytest.mark.model
def test_streaming_yields_content(server: LlamaServer, client: openai.OpenAI) -> None:
    stream = client.chat.completions.create(
        model=server.model_name, messages=PONG, temperature=0, seed=0, max_tokens=16, stream=True
    )
    deltas = [c.choices[0].delta.content for c in stream if c.choices and c.choices[0].delta.content]
    assert deltas and "".join(deltas).strip()


@pytest.mark.model
def test_wrong_api_key_is_rejected(server: LlamaServer) -> None:
    intruder = openai.OpenAI(base_url=server.base_url, api_key="not-the-key", max_retries=0, timeout=30)
    with pytest.raises(openai.AuthenticationError) as err:
        intruder.chat.completions.create(model=server.model_name, messages=PONG, max_tokens=4)
    assert err.value.status_code == 401


@pytest.mark.model
def test_listens_on_loopback_only(server: LlamaServer) -> None:
    url = urlsplit(server.base_url)
    assert url.scheme == "http"
    assert url.hostname == "127.0.0.1"
    assert url.port and url.path == "/v1"
    assert server.running


@pytest.mark.model
def test_start_is_idempotent_and_shared(server: LlamaServer) -> None:
    before = server.base_url
    server.start()
    assert server.base_url == before
    assert shared_server(MODEL, SETTINGS.llm_threads, SETTINGS.llm_context) is server


def test_missing_model_file_raises_config_error(tmp_path: Path) -> None:
    srv = LlamaServer(tmp_path / "absent.gguf")
    with pytest.raises(ConfigError, match="not found"):
        srv.start()
    with pytest.raises(ConfigError):
        _ = srv.base_url
    assert not srv.running


def test_non_gguf_file_raises_provider_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.gguf"
    bogus.write_text("<html>404 Not Found</html>")
    with pytest.raises(ProviderError, match="not a GGUF"):
        LlamaServer(bogus).start()


def test_damaged_gguf_raises_provider_error(tmp_path: Path) -> None:
    """Right magic, garbage after it: llama.cpp refuses it and we get a clear error, not a hang."""
    damaged = tmp_path / "damaged.gguf"
    damaged.write_bytes(b"GGUF" + bytes(range(256)) * 64)
    srv = LlamaServer(damaged, start_timeout=30)
    with pytest.raises(ProviderError, match="failed to start"):
        srv.start()
    assert not srv.running


def test_shared_server_is_one_instance_per_settings(tmp_path: Path) -> None:
    path = tmp_path / "m.gguf"
    a = shared_server(path, 2, 4096)
    assert shared_server(path, 2, 4096) is a
    assert shared_server(path, 1, 4096) is not a
    assert not a.running  # created lazily: nothing loads until first use
    assert a.api_key and len(a.api_key) >= 32
