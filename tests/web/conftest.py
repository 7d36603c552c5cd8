"""Real servers for the web tests: the app under uvicorn in a thread, static "third-party" sites,
and Debian's chromium driven by Playwright (blocked from anything but loopback)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn

from advisor.settings import PROJECT_ROOT, Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
DOCS = PROJECT_ROOT / "docs"
LOOPBACK_HOSTS = {"127.0.0.1", "127.0.0.2", "localhost", "::1"}


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class LiveServer:
    """An ASGI app served by uvicorn on a free loopback port, in a background thread."""

    def __init__(self, app, host: str = "127.0.0.1") -> None:
        self.app = app
        self.host, self.port = host, free_port(host)
        self.server = uvicorn.Server(uvicorn.Config(app, host=host, port=self.port, log_level="warning",
                                                    lifespan="on", timeout_graceful_shutdown=2))
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the test server on {self.url} did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


class StaticSite:
    """A plain HTTP server for a folder: the "other website" that embeds the widget."""

    def __init__(self, directory: Path, host: str = "127.0.0.1") -> None:
        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, 0), partial(Quiet, directory=str(directory)))
        self.host, self.port = host, self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str = "", host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}/{path}"

    def __enter__(self) -> StaticSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def web_settings(base: Settings, **changes) -> Settings:
    """A copy of the indexed settings for one test server (same index, same feedback database)."""
    return base.model_copy(update={"provider": "extractive", **changes})


def serve(settings: Settings, advisor=None) -> LiveServer:
    from advisor.web.factory import create_app

    return LiveServer(create_app(settings, advisor))


@pytest.fixture(scope="module")
def server(indexed_settings: Settings) -> Iterator[LiveServer]:
    """The app on the real index with the extractive provider, one per test module."""
    with serve(web_settings(indexed_settings)) as live:
        yield live


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def publish_screenshot(shot: Path, name: str) -> None:
    """Copy a test screenshot into docs/ for the README (only when it changed)."""
    DOCS.mkdir(exist_ok=True)
    target = DOCS / name
    if not target.exists() or target.read_bytes() != shot.read_bytes():
        shutil.copyfile(shot, target)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: scripts/test installs it (or apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A fresh browser context and page that may only reach loopback; notes console lines."""

    def __init__(self, browser, viewport: dict) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.blocked: list[str] = []
        self.console: list[str] = []
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: self.console.append(msg.text))

    def _guard(self, route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOOPBACK_HOSTS:
            route.fallback()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def page(browser) -> Iterator[Page]:
    p = Page(browser, {"width": 1280, "height": 900})
    yield p
    p.close()
    assert not p.blocked, f"the page tried to reach beyond loopback: {p.blocked}"
