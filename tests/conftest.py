"""Shared fixtures: the network guard, isolated settings, and one real index per session."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

import advisor  # noqa: F401  (offline environment first)
from advisor.oews.lookup import WageData
from advisor.oews.package import open_wages
from advisor.onet.data import OccupationData, open_occupations
from advisor.settings import PROJECT_ROOT, Settings

SEED_GUIDE = PROJECT_ROOT.parent / "shared" / "seeds" / "neural-network-engineer-guide.txt"
FIXTURES = Path(__file__).parent / "fixtures"
GUIDE = PROJECT_ROOT / "knowledge" / "neural-network-engineer.md"
ONET_DIR = PROJECT_ROOT / "data" / "onet"  # what the setup's `advisor install-onet` extracts


class NetworkBlocked(RuntimeError):
    """A test tried to reach beyond loopback."""


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths and the like
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a hostname other than localhost: would need DNS, so not loopback


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """Fail any test that opens a connection to anything but loopback."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _is_loopback((host.decode() if isinstance(host, bytes) else host, 0)):
            raise NetworkBlocked(f"DNS lookup of {host!r} is blocked in tests (loopback only)")
        return real_getaddrinfo(host, *args, **kwargs)

    def guarded(real):
        def connect(self, address):
            if not _is_loopback(address):
                raise NetworkBlocked(f"network access beyond loopback is blocked in tests: {address!r}")
            return real(self, address)
        return connect

    socket.socket.connect = guarded(real_connect)
    socket.socket.connect_ex = guarded(real_connect_ex)
    socket.getaddrinfo = getaddrinfo
    yield
    socket.socket.connect, socket.socket.connect_ex = real_connect, real_connect_ex
    socket.getaddrinfo = real_getaddrinfo


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a private data dir and knowledge dir (a copy of the real guide)."""
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / GUIDE.name).write_text(GUIDE.read_text())
    return Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge, provider="extractive")


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A real Chroma index of the real knowledge folder, built once for the session."""
    from ingest.indexer import ingest

    s = Settings(data_dir=tmp_path_factory.mktemp("index"), provider="extractive", onet_dir=ONET_DIR)
    report = ingest(s)
    assert report.ok and report.added > 50
    return s


SECOND_GUIDES = PROJECT_ROOT / "evals" / "fixtures" / "knowledge"


@pytest.fixture(scope="session")
def two_guides_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A real index of knowledge/ plus the second-guide fixture (another role, other headings)."""
    from ingest.indexer import ingest

    s = Settings(data_dir=tmp_path_factory.mktemp("two-guides"), provider="extractive")
    report = ingest(s, [s.knowledge_dir, SECOND_GUIDES])
    assert report.ok and report.added > 100
    return s


@pytest.fixture(scope="module")
def wage_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose data folder holds only the unpacked official wage data."""
    return Settings(data_dir=tmp_path_factory.mktemp("wages"), provider="extractive")


@pytest.fixture(scope="session")
def onet(tmp_path_factory: pytest.TempPathFactory) -> OccupationData:
    """The real O*NET files; missing ones fail the test with the command that fetches them."""
    return open_occupations(Settings(data_dir=tmp_path_factory.mktemp("onet"), onet_dir=ONET_DIR))


@pytest.fixture(scope="module")
def data(wage_settings: Settings) -> WageData:
    return open_wages(wage_settings)
