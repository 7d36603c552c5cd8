"""The `advisor` CLI end to end on a real index."""

import json

import pytest

from advisor.cli import main
from advisor.settings import Settings


@pytest.fixture
def env_for(monkeypatch):
    def apply(settings: Settings) -> None:
        monkeypatch.setenv("ADVISOR_DATA_DIR", str(settings.data_dir))
        monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(settings.knowledge_dir))
    return apply


def test_search_puts_salary_first(indexed_settings, env_for, capsys):
    env_for(indexed_settings)
    assert main(["search", "entry level salary", "--json", "--k", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    first = out["results"][0]
    assert first["section_id"] == "neural-network-engineer#salary-ranges/entry-level"
    assert first["heading"] == "Salary Ranges › Entry-Level" and "$70,000" in first["text"]
    assert len(out["results"]) == 3


def test_search_text_output(indexed_settings, env_for, capsys):
    env_for(indexed_settings)
    assert main(["search", "What degree do I need?"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("1. [neural-network-engineer#requirements/education]")


def test_ingest_and_stats(settings, env_for, capsys):
    env_for(settings)
    assert main(["ingest", "--quiet"]) == 0
    assert "added" in capsys.readouterr().out
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] == 1 and stats["sections"] > 50 and stats["embedding_model"] == "all-MiniLM-L6-v2"


def test_ingest_failure_sets_exit_status(settings, env_for, capsys):
    env_for(settings)
    (settings.knowledge_dir / "broken.md").write_bytes(b"\x00\x01")
    assert main(["ingest", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "broken.md" in err


def test_search_without_index_says_what_to_do(settings, env_for, capsys):
    env_for(settings)
    assert main(["search", "salary"]) == 2
    assert "advisor ingest" in capsys.readouterr().err


def test_ask_lists_official_sources_with_their_link(indexed_settings, env_for, capsys):
    env_for(indexed_settings)
    assert main(["ask", "What do data scientists earn in Seattle?", "--provider", "extractive"]) == 0
    out = capsys.readouterr().out
    assert "median $164,740 a year" in out
    assert "[1] Data Scientists (15-2051) › Seattle-Tacoma-Bellevue, WA › annual wages · BLS OEWS May 2025 — “" in out
    assert out.rstrip().endswith("https://www.bls.gov/oes/tables.htm")
