"""Server mode: the same ingest, search and answers against a real `chroma run` on loopback,
and recovery when that server stops and comes back mid-session."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from advisor.chain import Advisor
from advisor.errors import StoreUnavailableError
from advisor.providers.extractive import ExtractiveProvider
from advisor.settings import Settings
from ingest.indexer import ingest

CHROMA = shutil.which("chroma")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    def __init__(self, path: Path, port: int) -> None:
        self.path, self.port, self.proc = path, port, None
        self.url = f"http://127.0.0.1:{port}"

    def start(self) -> None:
        self.proc = subprocess.Popen([CHROMA, "run", "--path", str(self.path), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env={"PATH": "/usr/bin:/bin", "ANONYMIZED_TELEMETRY": "False", "HOME": str(self.path)})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("chroma server did not start")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None


@pytest.fixture
def server(tmp_path: Path):
    assert CHROMA, "the chroma CLI ships with chromadb; it should be in the venv"
    srv = ChromaServer(tmp_path / "chroma-server", free_port())
    srv.start()
    yield srv
    srv.stop()


def test_ingest_search_and_ask_against_a_server(settings: Settings, server: ChromaServer):
    remote = settings.model_copy(update={"chroma_url": server.url})
    first = ingest(remote)
    assert first.ok and first.added > 50
    assert ingest(remote).unchanged == first.added
    answer = Advisor(remote, provider=ExtractiveProvider()).ask("What does a mid-level engineer earn?")
    assert answer.citations[0].section_id == "neural-network-engineer#salary-ranges/mid-level"
    assert not (settings.data_dir / "chroma").exists()  # nothing went to the embedded store


def test_server_outage_is_a_clear_error_and_recovers(settings: Settings, server: ChromaServer):
    remote = settings.model_copy(update={"chroma_url": server.url})
    ingest(remote)
    advisor = Advisor(remote, provider=ExtractiveProvider())
    assert not advisor.ask("What does a senior engineer earn?").refused

    server.stop()
    with pytest.raises(StoreUnavailableError) as err:
        advisor.ask("What does an entry-level engineer earn?")
    assert "unavailable" in str(err.value)

    server.start()  # same path, same port: the index is still there
    answer = advisor.ask("What does an entry-level engineer earn?")
    assert answer.citations[0].section_id == "neural-network-engineer#salary-ranges/entry-level"
