"""Fuzzed API payloads and guide files: never a 500, never a crash, always a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from advisor.errors import IngestFileError
from ingest.parse_markdown import parse_markdown
from ingest.parse_text import parse_text
from advisor.settings import DEFAULT_TOP_LEVEL_HEADINGS
from tests.web.conftest import serve, web_settings

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=300))
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                          max_leaves=20)
payloads = st.one_of(
    json_value,
    st.fixed_dictionaries({"message": json_value}),
    st.fixed_dictionaries({"message": st.text(max_size=3000)}, optional={"history": json_value, "profile": json_value}),
)
FUZZ = hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def live(indexed_settings):
    settings = web_settings(indexed_settings, provider="extractive", rate_limit_per_minute=100_000, warm_up=False)
    with serve(settings) as server:
        yield server


@FUZZ
@given(payload=payloads)
def test_chat_payloads_never_500(live, payload):
    body = json.dumps(payload, allow_nan=True)
    r = httpx.post(f"{live.url}/api/chat", content=body, headers={"content-type": "application/json"}, timeout=30)
    assert r.status_code in (200, 400, 413), (r.status_code, body[:200])
    if r.status_code != 200:
        assert r.json()["error"]["message"]


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_raw_bytes_never_500(live, raw):
    r = httpx.post(f"{live.url}/api/chat", content=raw, headers={"content-type": "application/json"}, timeout=30)
    assert r.status_code in (200, 400, 413)


@pytest.mark.parametrize("section_id", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00", "a" * 5000, "x#y/../../z"])
def test_section_lookup_refuses_traversal(live, section_id):
    r = httpx.get(f"{live.url}/api/sections/{section_id}", timeout=10)
    assert r.status_code in (400, 404)
    if r.url.path.startswith("/api/"):  # "../../etc/passwd" is normalised by the client to /etc/passwd
        assert r.json()["error"]["message"]


@hsettings(max_examples=150, deadline=None)
@given(text=st.text(max_size=3000))
def test_parsers_only_raise_ingest_errors(text):
    for parse in (lambda: parse_markdown(text, Path("fuzz.md")),
                  lambda: parse_text(text, Path("fuzz.txt"), DEFAULT_TOP_LEVEL_HEADINGS)):
        try:
            doc = parse()
        except IngestFileError as err:
            assert "fuzz." in str(err)
        else:
            assert all(s.text.strip() and s.section_id for s in doc.sections)


@hsettings(max_examples=60, deadline=None)
@given(heading=st.text(min_size=1, max_size=200).filter(lambda h: "\n" not in h), line=st.text(max_size=5000))
def test_odd_headings_and_huge_lines(heading, line):
    text = f"## {heading}\n{line}\n### {heading[::-1]}\n- {line[:100]}\n"
    try:
        doc = parse_markdown(text, Path("odd.md"))
    except IngestFileError:
        return
    assert len({s.section_id for s in doc.sections}) == len(doc.sections)
