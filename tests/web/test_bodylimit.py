"""Every POST route has a body limit, Gradio's upload included; every response varies by Origin."""

from __future__ import annotations

import httpx
import pytest

from tests.web.conftest import serve, web_settings


@pytest.fixture(scope="module")
def client(indexed_settings):
    with serve(web_settings(indexed_settings, warm_up=False)) as live, \
            httpx.Client(base_url=live.url, timeout=60) as c:
        yield c


def refused(response: httpx.Response) -> bool:
    return response.status_code == 413


@pytest.mark.parametrize("path", ["/login", "/no-such-route"])
def test_a_big_body_is_413_on_routes_outside_the_apis(client, indexed_settings, path):
    big = b"username=a&password=" + b"x" * (indexed_settings.max_request_bytes + 1)
    response = client.post(path, content=big, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert refused(response), (path, response.status_code, response.text[:200])

    def chunks():  # no Content-Length: counted while reading
        for _ in range(indexed_settings.max_request_bytes // 1000 + 2):
            yield b"x" * 1000

    assert refused(client.post(path, content=chunks())), path


def test_uploads_are_small(client, indexed_settings):
    """The chat page never uploads: a file the size of a chat turn is too big already."""
    files = {"files": ("big.txt", b"x" * (indexed_settings.max_request_bytes + 1), "text/plain")}
    assert refused(client.post("/gradio_api/upload", files=files))
    many = [("files", (f"f{i}.txt", b"x" * (indexed_settings.max_request_bytes // 4), "text/plain"))
            for i in range(6)]  # each file under the limit, together over it
    assert refused(client.post("/gradio_api/upload", files=many))


@pytest.mark.parametrize("path", ["/healthz", "/", "/config", "/widget.js", "/embed", "/api/sections/x"])
def test_every_response_varies_by_origin(client, path):
    for headers in ({}, {"Origin": "http://localhost:5173"}, {"Origin": "http://evil.example"}):
        response = client.get(path, headers=headers)
        assert "origin" in response.headers.get("vary", "").lower(), (path, headers, response.status_code)
