"""Bounded work per request: what question parsing reads of a long question or conversation is
capped, and the OEWS occupation and area matching looks at a bounded number of candidates.
(Counts of work, not timings: benchmarks/parsing.py measures the CPU.)"""

from __future__ import annotations

import pytest

from advisor import followup, salary
from advisor.oews import names, titles
from advisor.oews.package import open_wages
from advisor.retrieval import MAX_QUERY_WORDS, bounded_query
from advisor.settings import Settings
from advisor.types import Turn


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return open_wages(Settings(data_dir=tmp_path_factory.mktemp("wages")))


class Counted:
    """Wraps a function and counts its calls."""

    def __init__(self, fn) -> None:
        self.fn, self.calls = fn, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.fn(*args, **kwargs)


def test_a_long_history_is_read_only_in_part():
    history = [Turn(role="user" if i % 2 == 0 else "assistant", content="x" * 8000) for i in range(40)]
    kept = followup.recent(history)
    assert len(kept) == followup.MAX_HISTORY_TURNS and all(len(t.content) == followup.MAX_TURN_CHARS for t in kept)
    assert kept[-1] is not history[-1] and followup.recent(history[-2:])[0].content == "x" * 2000
    short = [Turn(role="user", content="What do senior engineers earn?")]
    assert followup.recent(short) == short


def test_the_follow_up_form_reads_a_capped_previous_question(data):
    history = [Turn(role="user", content=("What do data scientists earn in " + "Seattle " * 2000)[:8000])]
    standalone = followup.standalone_question("and in Boston?", followup.recent(history))
    assert len(standalone) <= followup.MAX_PREVIOUS_CHARS + len(" and in Boston?")


def test_oews_matching_looks_at_a_bounded_number_of_phrases(data, monkeypatch):
    """A crafted pay question naming hundreds of made-up occupations and places."""
    occupations, areas = Counted(data.find_occupations), Counted(data.find_areas)
    monkeypatch.setattr(data, "find_occupations", occupations)
    monkeypatch.setattr(data, "find_areas", areas)
    question = " ".join(f"What do zorp{i} quux{i} engineers earn in Blorb{i} Vale{i}?" for i in range(60))
    salary.plan(data, question[:2000], question[:2000], "Neural Network Engineer", None)
    per_phrase = 6  # _known_suffix tries each tail of a phrase (at most 6 words)
    assert occupations.calls <= 2 * salary.MAX_CANDIDATES * per_phrase
    assert areas.calls <= 2 * salary.MAX_CANDIDATES * salary.MAX_PLACE_WORDS + 4  # and the lookup itself


def test_fuzzy_title_matching_compares_a_bounded_number_of_words(data, monkeypatch):
    close = Counted(titles.get_close_matches)
    monkeypatch.setattr(titles, "get_close_matches", close)
    title = " ".join(f"wizzle{i}" for i in range(300))
    data.find_occupations(title)
    assert close.calls <= names.MAX_TITLE_WORDS
    calls = close.calls
    data.find_occupations(title)  # the same words again: the fuzzy matches are cached
    assert close.calls == calls


def test_search_reads_a_bounded_query():
    long = " ".join(f"w{i}" for i in range(2000))
    assert len(bounded_query(long).split()) == MAX_QUERY_WORDS and bounded_query(long).startswith("w0 w1 ")
    assert bounded_query("What do senior engineers earn?") == "What do senior engineers earn?"
