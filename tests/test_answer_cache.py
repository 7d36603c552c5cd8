"""The answer cache: same question in the same situation → the stored answer; bounded; only whole answers."""

from __future__ import annotations

import threading

from advisor.answer_cache import AnswerCache, normalised
from advisor.chain import Advisor
from advisor.providers.extractive import ExtractiveProvider
from advisor.types import Answer, Profile, StreamEvent, Turn
from advisor.web.service import AdvisorService
from ingest.indexer import ingest


def answer_events(text: str, degraded: bool = False) -> list[StreamEvent]:
    return [StreamEvent(type="sources", data=[]), StreamEvent(type="token", data=text + "\n"),
            StreamEvent(type="done", data=Answer(answer=text, provider="p", model="m", degraded=degraded))]


def test_questions_are_the_same_whatever_their_case_spacing_and_closing_punctuation():
    assert normalised("  What do   Seniors earn?! ") == normalised("what do seniors earn") == "what do seniors earn"
    key = AnswerCache.key
    assert key("Q?", [], None, "v1") == key(" q ", [], None, "v1")
    different = {key("q", [], None, "v1"), key("q", [Turn(role="user", content="x")], None, "v1"),
                 key("q", [], Profile(years_experience=4), "v1"), key("q", [], None, "v2")}
    assert len(different) == 4  # history, profile and situation each make another question


def test_a_whole_answer_is_stored_and_replayed_marked_cached_with_its_own_timings():
    cache = AnswerCache(4)
    assert cache.stream("k") is None
    made = list(cache.recording("k", iter(answer_events("fresh"))))
    assert not made[-1].data.cached
    replayed = list(cache.stream("k"))
    assert [e.type for e in replayed] == ["sources", "token", "done"]
    assert replayed[-1].data.cached and replayed[-1].data.answer == "fresh"
    assert replayed[-1].data.timings.retrieve_ms == 0.0 and (cache.hits, cache.misses) == (1, 1)


def test_only_whole_and_healthy_answers_are_kept_and_the_size_is_bounded():
    cache = AnswerCache(2)
    list(cache.recording("degraded", iter(answer_events("model down", degraded=True))))
    stream = cache.recording("cut", iter(answer_events("cut short")))
    next(stream)
    stream.close()  # the client left before the answer was done
    assert cache.stream("degraded") is None and cache.stream("cut") is None
    for key in ("a", "b", "c"):
        list(cache.recording(key, iter(answer_events(key))))
    assert len(cache) == 2 and cache.stream("a") is None and cache.stream("c") is not None


def test_concurrent_requests_are_safe():
    cache, errors = AnswerCache(8), []

    def ask(i: int) -> None:
        try:
            for _ in range(50):
                key = f"k{i % 12}"
                events = cache.stream(key) or cache.recording(key, iter(answer_events(key)))
                assert list(events)[-1].data.answer == key
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(cache) <= 8


def test_an_ingest_that_changes_a_section_is_a_miss_and_a_zero_size_is_off(settings):
    ingest(settings)
    service = AdvisorService(settings, Advisor(settings, provider=ExtractiveProvider()))
    question = "What do entry-level engineers earn?"
    assert not list(service.stream(question, [], None))[-1].data.cached
    assert list(service.stream(question, [], None))[-1].data.cached
    guide = next(settings.knowledge_dir.glob("*.md"))
    guide.write_text(guide.read_text().replace("$70,000 to $100,000", "$71,000 to $101,000"))
    ingest(settings)
    service.advisor.retriever.refresh()
    fresh = list(service.stream(question, [], None))[-1].data
    assert not fresh.cached and "$71,000" in fresh.answer
    off = AdvisorService(settings.model_copy(update={"answer_cache": 0}), service.advisor)
    assert off.cache is None and not list(off.stream(question, [], None))[-1].data.cached
