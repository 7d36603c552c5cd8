"""Bounded work per request: what question parsing reads of a long question or conversation is
capped, and the OEWS occupation and area matching looks at a bounded number of candidates.
(Counts of work, not timings: benchmarks/parsing.py measures the CPU.)"""

from __future__ import annotations

import pytest

from advisor import followup, salary
from advisor.oews import names, titles
from advisor.oews.package import open_wages
from advisor.embeddings import get_embeddings, get_tokenizer
from advisor.retrieval import MAX_QUERY_WORDS, QUERY_PIECES, Retriever, bounded_query
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


class PieceCounter:
    """Embeddings that count the word pieces they are asked to embed, per call."""

    def __init__(self, settings: Settings) -> None:
        self.real, self.tokenizer, self.calls = get_embeddings(settings), get_tokenizer(settings), []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls.append([(t, len(self.tokenizer(t, add_special_tokens=False)["input_ids"])) for t in texts])
        return self.real.embed_documents(texts)


TYPOS = "sofware develper nueral netwrk enginer datta scientst machne lerning reserch analist "


def test_a_search_embeds_a_bounded_number_of_word_pieces_in_one_call(indexed_settings):
    """Words with typos cost two or three pieces each: the budget counts pieces, not words, and a
    follow-up's two forms share it, cut before a word, embedded together."""
    counter = PieceCounter(indexed_settings)
    retriever = Retriever(indexed_settings, embeddings=counter)
    long = (TYPOS * 10).strip()
    assert retriever.search_many([long, "and in Seattle? " + long])
    [call] = counter.calls
    assert sum(pieces for _, pieces in call) <= QUERY_PIECES and len(call) == 2
    assert all(long.startswith(text) or ("and in Seattle? " + long).startswith(text) for text, _ in call)
    assert all(text.split()[-1] in TYPOS.split() for text, _ in call)  # whole words only
    assert retriever.search_many([long, "and in Seattle? " + long]) and len(counter.calls) == 1  # remembered


def test_a_real_question_is_searched_whole(indexed_settings):
    counter = PieceCounter(indexed_settings)
    question = "What skills and education do I need to become a neural network engineer, and how long does it take?"
    Retriever(indexed_settings, embeddings=counter).search(question)
    assert counter.calls == [[(question, counter.calls[0][0][1])]]


def test_a_comparison_embeds_its_sides_together_within_the_budget(two_guides_settings):
    from advisor.chain import Advisor
    from advisor.providers.extractive import ExtractiveProvider

    counter = PieceCounter(two_guides_settings)
    advisor = Advisor(two_guides_settings, provider=ExtractiveProvider())
    advisor.retriever = Retriever(two_guides_settings, embeddings=counter)
    question = f"Compare neural network engineers and information security analysts {TYPOS * 5}"
    evidence = advisor.gather(advisor.understand(question, []))
    assert {h.doc_id for h in evidence.hits} == {"neural-network-engineer", "information-security-analyst"}
    [call] = counter.calls  # both sides in one call, sharing the budget
    assert len(call) == 2 and sum(p for _, p in call) <= QUERY_PIECES


def test_area_lookup_by_index_finds_what_a_scan_of_every_town_finds(data):
    """A town's name, its first or last words, with or without a state: as scanning every metro's towns
    (names of states and whole areas are found before towns, and left out here)."""
    from advisor.oews import names as names_module

    metros = data._metros

    def scan(city: str, state: str = "") -> list:
        in_state = [(a, towns) for a, towns, states in metros if not state or state in states]
        return ([a for a, towns in in_state if city in towns]
                or [a for a, towns in in_state if any(t.startswith(city + " ") or t.endswith(" " + city) for t in towns)])

    names = {town for _, towns, _ in metros for town in towns}
    names |= {t.split()[0] for t in names} | {t.split()[-1] for t in names}
    names = {n for n in names if n not in names_module.NATIONAL and not data._by_name.get(names_module.USPS_NAMES.get(n, n))}
    checked = 0
    for name in sorted(names):
        assert data.find_areas(name) == scan(name), name
        for _, _, states in metros[:3]:
            for state in states:
                assert data.find_areas(f"{name}, {state}") == scan(name, state), (name, state)
                checked += 1
    assert len(names) > 500 and checked > 500
