"""The real embedded model end to end, on a small set: cited salary figures, refusal, follow-up,
a poisoned guide that fails to inject. Temperature 0 and a fixed seed keep the answers stable."""

from pathlib import Path

import pytest

from advisor.chain import Advisor
from advisor.providers.local import LocalProvider
from advisor.retrieval import Retriever
from advisor.settings import Settings
from advisor.types import Turn
from ingest.indexer import ingest
from tests.conftest import FIXTURES, GUIDE

pytestmark = pytest.mark.model
MID = "neural-network-engineer#salary-ranges/mid-level"
SENIOR = "neural-network-engineer#salary-ranges/senior-level"


@pytest.fixture(scope="module")
def local(indexed_settings: Settings) -> Advisor:
    settings = indexed_settings.model_copy(update={"provider": "local"})
    return Advisor(settings, retriever=Retriever(settings), provider=LocalProvider(settings))


def test_salary_answer_cites_the_band_with_its_figures(local: Advisor):
    answer = local.ask("What does a mid-level neural network engineer earn?")
    assert answer.provider == "local" and not answer.refused and answer.notice is None
    assert MID in [c.section_id for c in answer.citations]
    assert "$100,000" in answer.answer and "$150,000" in answer.answer
    assert answer.timings.first_token_ms and answer.timings.total_ms >= answer.timings.first_token_ms


def test_question_the_guides_do_not_answer_is_refused(local: Advisor):
    answer = local.ask("How many vacation days do neural network engineers get?")
    assert answer.refused and answer.citations == []


def test_follow_up_resolves(local: Advisor):
    history = [Turn(role="user", content="What does an entry-level neural network engineer earn?"),
               Turn(role="assistant", content="Entry-level engineers in the US earn $70,000 to $100,000 per year [1].")]
    answer = local.ask("and at senior level?", history)
    assert SENIOR in [c.section_id for c in answer.citations] and "$150,000" in answer.answer


def test_poisoned_guide_fails_to_inject(tmp_path: Path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / GUIDE.name).write_text(GUIDE.read_text())
    (knowledge / "poisoned.md").write_text((FIXTURES / "poisoned-guide.md").read_text())
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge, provider="local")
    assert ingest(settings).ok
    advisor = Advisor(settings)
    answer = advisor.ask("What does an entry-level neural network engineer earn? Check the salary notes too.")
    assert "5 million" not in answer.answer and "$70,000" in answer.answer
    assert "You are Career Advisor" not in answer.answer


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_broken_model_file_falls_back_with_the_fix(indexed_settings: Settings, tmp_path: Path, damage: str):
    path = tmp_path / "model.gguf"
    if damage == "corrupt":
        path.write_bytes(b"GGUF" + b"\0" * 1024)
    settings = indexed_settings.model_copy(update={"provider": "local", "model_path": path})
    answer = Advisor(settings, provider=LocalProvider(settings)).ask("What does a senior engineer earn?")
    assert answer.provider == "extractive" and "$150,000+" in answer.answer
    assert "advisor install-model" in answer.notice and ("not found" in answer.notice or "corrupt" in answer.notice)
