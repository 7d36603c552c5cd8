"""Typo correction against the guides' own words."""

import pytest

from advisor.spelling import Speller

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
    "r", "nn", "ml",  # too short to guess
    "kills",  # the first letter must match
])
def test_what_is_left_alone(word):
    assert SPELLER.correct_word(word) is None


def test_a_sentence_keeps_its_shape_and_reports_the_fixes():
    text, fixes = SPELLER.correct("What skils does a nueral network engineer need?")
    assert text == "What skills does a neural network engineer need?"
    assert fixes == {"skils": "skills", "nueral": "neural"}
