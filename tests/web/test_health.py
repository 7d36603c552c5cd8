"""``/healthz`` tells a caller without a key that the app is up, not where its files are or why it failed."""

from __future__ import annotations

import httpx
from pydantic import SecretStr

from advisor.chain import Advisor
from advisor.settings import Settings
from tests.fakes import ScriptedProvider
from tests.web.conftest import serve, web_settings

MODEL_PATH = "/srv/secret-models/qwen.gguf"
BACKEND = "http://10.9.8.7:8080/v1"


class DescriptiveProvider(ScriptedProvider):
    """A model that reports its file and backend, as the local and OpenAI providers do."""

    def status(self) -> dict[str, object]:
        return {**super().status(), "ready": True, "model_path": MODEL_PATH, "base_url": BACKEND}


def test_no_paths_or_backends_without_a_key(indexed_settings):
    settings = web_settings(indexed_settings, warm_up=False, api_keys=[SecretStr("s3cret")])
    with serve(settings, Advisor(settings, provider=DescriptiveProvider())) as live, \
            httpx.Client(base_url=live.url, timeout=60) as c:
        public = c.get("/healthz")
        assert public.status_code == 200
        assert MODEL_PATH not in public.text and BACKEND not in public.text
        assert public.json()["index"]["sections"] > 50 and public.json()["model"]["provider"] == "scripted"
        private = c.get("/healthz", headers={"X-API-Key": "s3cret"}).json()
        assert private["model"]["model_path"] == MODEL_PATH  # an operator with a key sees it all


def test_no_error_internals_without_a_key(tmp_path):
    settings = Settings(data_dir=tmp_path / "empty-data", knowledge_dir=tmp_path / "knowledge", provider="extractive",
                        warm_up=False)
    with serve(settings) as live, httpx.Client(base_url=live.url, timeout=60) as c:
        response = c.get("/healthz")
        assert response.status_code == 503 and response.json()["status"] == "unavailable"
        assert str(tmp_path) not in response.text and "error" not in response.json(), response.text
