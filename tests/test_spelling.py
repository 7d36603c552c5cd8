"""Typo correction against the guides' own words."""

import pytest

from advisor.spelling import Speller
from advisor.vocabulary import understood

GUIDE = "Neural network engineers need skills in Python. Senior salary ranges. Challenges of training."
SPELLER = Speller([GUIDE], known=frozenset({"become", "starting", "engineer", "does", "need", "what"}))


@pytest.mark.parametrize("typo, right", [
    ("skils", "skills"), ("nueral", "neural"), ("senoir", "senior"), ("salery", "salary"),
    ("chalenges", "challenges"), ("trainig", "training"),
    ("pyhton", "python"),  # a swap of two letters is one edit (OSA distance)
])
def test_typos_become_the_guides_words(typo, right):
    assert SPELLER.correct_word(typo) == right


@pytest.mark.parametrize("word", [
    "skills",  # a guide word
    "become", "starting",  # real words (the embedding model's vocabulary), however close to a guide word
    "nn", "ml",  # too short to guess
    "R",  # the language, not the shorthand for "are"
    "kills",  # the first letter must match
])
def test_what_is_left_alone(word):
    assert SPELLER.correct_word(word) is None


def test_a_correction_keeps_what_the_question_reader_saw():
    speller = Speller(["Finance: algorithmic trading. Requirements."], understood=understood)
    assert speller.correct_word("trending") is None  # a trends word, though two edits from "trading"
    assert Speller(["Finance: algorithmic trading."]).correct_word("trending") == "trading"
    assert speller.correct_word("requirments") == "requirements"  # still a requirements word
    assert understood("trending") and understood("salaries") and not understood("tradng")


def test_a_word_a_topic_phrase_opens_with_is_a_correction():
    """dev22 d22n-01: "whats teh wrst part of this job honestly?" was refused; "worst" is no guide word, but
    "the worst part" asks for the hard parts."""
    from advisor.vocabulary import spelled_for
    speller = Speller([GUIDE], known=frozenset({"worst", "west", "what", "this", "part"}), understood=spelled_for)
    assert speller.correct("whats teh wrst part of this job?")[0] == "whats the worst part of this job?"


def test_a_sentence_keeps_its_shape_and_reports_the_fixes():
    text, fixes = SPELLER.correct("What skils does a nueral network engineer need?")
    assert text == "What skills does a neural network engineer need?"
    assert fixes == {"skils": "skills", "nueral": "neural"}


@pytest.mark.parametrize("short, long", [("wrk", "work"), ("r", "are"), ("u", "you"), ("certs", "certifications"),
                                         ("cert", "certification"),
                                         ("grad", "graduate"), ("compsci", "computer science"),
                                         ("ppl", "people"), ("shud", "should"), ("wud", "would"),  # "a new grad" was "a new grid"
                                         ("hrs", "hours"), ("wk", "week"),  # dev11 d11s-13: "how many hrs" had been refused
                                         ("docs", "documentation")])  # dev15 d15n-21: "not great at docs" was "does"
def test_chat_shorthand_is_written_out(short, long):
    assert SPELLER.correct_word(short) == long


def test_comp_is_compensation_and_comp_sci_computer_science():
    """dev4 d4n-16: "what perks or extra comp" had become "extra come"; "a comp sci degree" is no pay."""
    assert SPELLER.correct("what perks or extra comp do they get?")[0] == "what perks or extra compensation do they get?"
    assert SPELLER.correct("I've got a comp sci degree")[0] == "I've got a computer science degree"


def test_a_typo_may_become_a_word_the_question_reader_knows_though_no_guide_uses_it():
    known = frozenset({"promoted", "promote", "prompted", "become"})
    speller = Speller([GUIDE], known=known, understood=understood)
    assert speller.correct_word("promted") == "promoted"  # a progression word; "prompted" is understood by nothing
    assert speller.correct_word("prompted") is None  # a real word stays
    assert Speller([GUIDE], known=known).correct_word("promted") is None  # without the question reader: no target


def test_a_british_spelling_becomes_the_one_the_guides_use():
    speller = Speller(["Analysts specializing; a specialist in an organization."],
                      known=frozenset({"specialize", "organise", "colour"}))
    assert speller.correct_word("specialise") == "specialize"  # a known word, not the nearer "specialist"
    assert speller.correct_word("organisation") == "organization"
    assert speller.correct_word("organise") is None  # a known word with no American form in the guides
    assert speller.correct_word("colour") is None
    # no such word anywhere: the guides' word of that stem
    assert Speller(["Analysts specializing in forensics; specialist titles."]).correct_word("specialise") == "specializing"


def test_of_words_as_near_the_one_the_typo_dropped_letters_of_wins_over_a_commoner_one():
    speller = Speller(["with with with which cities"])
    assert speller.correct_word("wich") == "which"  # "with" is as near and commoner
    assert speller.correct_word("wiht") == "with"


def test_a_plural_spelled_as_if_regular_becomes_the_guides_plural():
    assert Speller(["the cities and the city"]).correct_word("citys") == "cities"
    assert Speller(["the keys"]).correct_word("keys") is None  # a guide word stays


def test_a_typo_of_a_word_that_only_colours_a_question_is_not_made_a_guide_word():
    from advisor.vocabulary import spelled_for

    speller = Speller(["Report the actual breaches."], known=frozenset({"actually", "actual"}), understood=spelled_for)
    # "actual" is as near and a guide word; "actualy" only dropped a letter of "actually"
    assert speller.correct("what does an analyst actualy do day to day?")[0] == "what does an analyst actually do day to day?"
