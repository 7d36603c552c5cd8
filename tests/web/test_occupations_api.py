"""``GET /api/occupations`` on a real server (uvicorn, the real O*NET files), driven with httpx."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from advisor.cli import main as cli_main
from advisor.settings import Settings
from advisor.web.ratelimit import LIMITED_ROUTES
from tests.conftest import ONET_DIR
from tests.web.conftest import serve, web_settings
from tests.web.test_api import assert_error


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, onet) -> Iterator[tuple[httpx.Client, Settings]]:
    """A server over the real O*NET files, its client, and its settings (for the CLI beside it)."""
    settings = web_settings(Settings(data_dir=tmp_path_factory.mktemp("onet-web"), onet_dir=ONET_DIR), warm_up=False)
    with serve(settings) as server, httpx.Client(base_url=server.url, timeout=60) as c:
        yield c, settings


@pytest.fixture
def client(live) -> httpx.Client:
    return live[0]


def test_an_occupation_is_the_cli_json(live, monkeypatch, capsys):
    client, onet_settings = live
    response = client.get("/api/occupations", params={"q": "registered nurse", "area": "Ohio"})
    assert response.status_code == 200
    body = response.json()
    occupation = body["occupation"]
    assert occupation["code"] == "29-1141.00" and occupation["url"].endswith("/link/summary/29-1141.00")
    assert occupation["description"].startswith("Assess patient health problems")
    assert occupation["needs"]["skills"][0] == {"name": "Service Orientation", "importance": 0.909}
    assert "CC BY 4.0" in occupation["attribution"] and occupation["releases"]["importance"] == "30.2"
    assert body["wages"]["area"]["name"] == "Ohio" and body["wages"]["reports"][0]["occupation"]["code"] == "29-1141"

    monkeypatch.setenv("ADVISOR_DATA_DIR", str(onet_settings.data_dir))
    monkeypatch.setenv("ADVISOR_ONET_DIR", str(ONET_DIR))
    assert cli_main(["occupation", "registered nurse", "--area", "Ohio", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == body


@pytest.mark.parametrize("params, status, type_", [({}, 400, "invalid_request"), ({"q": "x" * 201}, 400, "invalid_request"),
                                                   ({"q": "capital of france"}, 404, "not_found")])
def test_bad_or_unknown(client, params, status, type_):
    assert_error(client.get("/api/occupations", params=params), status, type_)


def test_missing_files_are_503_naming_the_fix(tmp_path):
    settings = web_settings(Settings(data_dir=tmp_path / "data"), warm_up=False)
    with serve(settings) as live, httpx.Client(base_url=live.url, timeout=60) as c:
        error = assert_error(c.get("/api/occupations", params={"q": "nurse"}), 503, "occupations_unavailable")
        assert "advisor install-onet" in error["message"]


def test_it_is_rate_limited_like_the_wages():
    assert LIMITED_ROUTES["/api/occupations"] == "GET"
