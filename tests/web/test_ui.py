"""The chat page's handlers, called directly (the browser tests drive the page itself)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from advisor.chain import Advisor
from advisor.errors import ProviderBusyError
from advisor.settings import PROJECT_ROOT
from advisor.web.examples import example_questions
from advisor.web.feedback import FeedbackStore
from advisor.web.inflight import InFlightLimiter
from advisor.web.ratelimit import RateLimiter
from advisor.web.service import AdvisorService
from advisor.web.ui import ChatHandlers, build_profile, turn_history

REQUEST = SimpleNamespace(client=SimpleNamespace(host="10.1.2.3"))
SALARY = "What do mid-level engineers make?"


class BusyProvider:
    name, model, uses_llm = "busy", "scripted-test-model", True

    def stream(self, request):
        raise ProviderBusyError(retry_after=9)
        yield  # a generator, like every provider

    def status(self) -> dict[str, object]:
        return {"provider": self.name, "model": self.model}


@pytest.fixture(scope="module")
def service(indexed_settings):
    return AdvisorService(indexed_settings)


def handlers(service, tmp_path, per_minute: int = 30, inflight: InFlightLimiter | None = None) -> ChatHandlers:
    return ChatHandlers(service, FeedbackStore(tmp_path / "feedback.sqlite3"), RateLimiter(per_minute),
                        inflight or InFlightLimiter(2))


def last(updates: list) -> tuple:
    return updates[-1]


def test_an_answer_streams_then_shows_its_sources(service, tmp_path):
    updates = list(handlers(service, tmp_path).respond(SALARY, [], {}, "", None, "", "", REQUEST))
    assert "adv-pending" in updates[0][0][-1]["content"]  # shown at once, before the answer
    chat, box, turns = last(updates)
    assert box == "" and [m["role"] for m in chat] == ["user", "assistant"]
    assert "adv-cited" in chat[1]["content"] and "adv-source" in chat[1]["content"]
    assert turns["1"]["question"] == SALARY and turns["1"]["section_ids"]
    history = turn_history(turns)
    assert [t.role for t in history] == ["user", "assistant"] and "$100,000" in history[1].content


def test_rate_limit_applies_to_the_page(service, tmp_path):
    h = handlers(service, tmp_path, per_minute=1)
    list(h.respond(SALARY, [], {}, "", None, "", "", REQUEST))
    chat, _, _ = last(list(h.respond(SALARY, [], {}, "", None, "", "", REQUEST)))
    assert "adv-error" in chat[-1]["content"] and "try again in" in chat[-1]["content"]


def test_answers_in_flight_are_limited_on_the_page(service, tmp_path):
    inflight = InFlightLimiter(1)
    assert inflight.enter("10.1.2.3")  # an answer of this client still streaming
    h = handlers(service, tmp_path, inflight=inflight)
    chat, _, _ = last(list(h.respond(SALARY, [], {}, "", None, "", "", REQUEST)))
    assert "adv-error" in chat[-1]["content"] and "wait for an answer" in chat[-1]["content"]
    inflight.leave("10.1.2.3")
    chat, _, _ = last(list(h.respond(SALARY, [], {}, "", None, "", "", REQUEST)))
    assert "adv-cited" in chat[-1]["content"] and inflight.enter("10.1.2.3")  # its place was given back


def test_bad_profile_and_busy_model_are_messages(service, indexed_settings, tmp_path):
    chat, _, _ = last(list(handlers(service, tmp_path).respond(SALARY, [], {}, "", "ninety", "", "", REQUEST)))
    assert "profile is not valid" in chat[-1]["content"]
    busy = AdvisorService(indexed_settings, Advisor(indexed_settings, retriever=service.advisor.retriever,
                                                    provider=BusyProvider()))
    chat, _, _ = last(list(handlers(busy, tmp_path).respond(SALARY, [], {}, "", None, "", "", REQUEST)))
    assert "busy" in chat[-1]["content"] and "9 s" in chat[-1]["content"]


def test_empty_question_changes_nothing(service, tmp_path):
    assert list(handlers(service, tmp_path).respond("   ", [], {}, "", None, "", "", REQUEST)) == [([], "", {})]


def test_profile_from_the_form():
    assert build_profile("", None, " ", "") is None
    assert build_profile("", " ", "", "") is None  # a blank years field is no years, not 0
    assert build_profile("", "", "", "Seattle").years_experience is None
    assert build_profile("", " 4.5 ", "", "").years_experience == 4.5
    profile = build_profile("Python, , PyTorch", 4, "BSc", " Austin ")
    assert profile.skills == ["Python", "PyTorch"] and profile.location == "Austin"


def test_example_questions_come_from_the_guides_roles(tmp_path):
    assert example_questions(PROJECT_ROOT / "knowledge")[0] == "What do mid-level neural network engineers earn?"
    for guide in (PROJECT_ROOT / "knowledge" / "neural-network-engineer.md",
                  PROJECT_ROOT / "evals" / "fixtures" / "knowledge" / "information-security-analyst.md"):
        (tmp_path / guide.name).write_text(guide.read_text())
    (tmp_path / "broken.md").write_text("---\nrole: [unclosed\n---\n## A\nx\n")
    assert example_questions(tmp_path) == [
        "What do mid-level information security analysts earn?", "Which skills do I need to become a neural network engineer?",
        "What does an information security analyst do day to day?", "How can I grow my career as a neural network engineer?"]
    assert example_questions(tmp_path / "empty-or-missing") == []


def test_one_rating_per_answer_and_ratings_are_rate_limited(service, tmp_path):
    h = handlers(service, tmp_path, per_minute=2)
    _, _, turns = last(list(h.respond(SALARY, [], {}, "", None, "", "", REQUEST)))  # takes one token
    like = SimpleNamespace(index=1, liked=True)
    row_id, _, note, turns = h.rate(turns, like, REQUEST)
    assert row_id is not None and "Thanks" in note
    again, _, note, turns = h.rate(turns, SimpleNamespace(index=1, liked=False), REQUEST)
    assert again is None and "already rated" in note
    assert len(h.feedback.rows()) == 1
    turns = {**turns, "3": {**turns["1"], "rated": False}}  # another answer, but no tokens left
    limited, _, note, _ = h.rate(turns, SimpleNamespace(index=3, liked=True), REQUEST)
    assert limited is None and "try again in" in note and len(h.feedback.rows()) == 1


@pytest.mark.parametrize("question", ["What does a physical therapist do?", "What do data scientists earn in Denver?"])
def test_answers_from_official_data_alone_show_their_sources_while_streaming(service, tmp_path, question):
    """O*NET and OEWS-only answers send the same sources event as guide answers (chips, then cards)."""
    updates = list(handlers(service, tmp_path).respond(question, [], {}, "", None, "", "", REQUEST))
    pending = [u[0][-1]["content"] for u in updates if "adv-pending" in u[0][-1]["content"]]
    assert any("adv-chip" in html for html in pending)
    final = last(updates)[0][-1]["content"]
    assert "adv-cited" in final and "adv-source" in final
