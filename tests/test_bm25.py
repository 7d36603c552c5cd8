"""Our inverted-index BM25 ranks and scores exactly as rank_bm25's BM25Okapi did before it.

The reference below is the search we replaced: BM25Okapi.get_scores over every chunk, sorted
(stable, so ties go to the earlier chunk), cut to k, zero and negative scores dropped. Scores are
compared with ``==``: the index does the same floating-point operations in the same order.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from advisor.bm25 import BM25Index, tokenize
from advisor.settings import PROJECT_ROOT, Settings
from ingest.documents import guide_files, parse_guide

QUERIES = [
    "What does a senior neural network engineer earn?",
    "M.S. or Ph.D. degree", "mid-level salary $150,000", "python pytorch tensorflow",
    "salary salary salary", "skills skill", "dentist", "engineer", "the of and what is",
]


def reference(keys: list[str], texts: list[str], query: str, k: int) -> list[tuple[str, float]]:
    terms = tokenize(query)
    if not texts or not terms:
        return []
    scores = BM25Okapi([tokenize(t) or ["∅"] for t in texts]).get_scores(terms)
    ranked = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    return [(keys[i], float(scores[i])) for i in ranked[:k] if scores[i] > 0]


@pytest.fixture(scope="module")
def guide() -> tuple[list[str], list[str]]:
    """(section ids, heading + text) of every section of the real guides, as the retriever indexes them."""
    s = Settings()
    sections = [sec for path in guide_files([s.knowledge_dir]) for sec in parse_guide(path, s).sections]
    assert len(sections) > 50
    return [sec.section_id for sec in sections], [sec.heading + "\n" + sec.text for sec in sections]


def golden_questions() -> list[str]:
    lines = (PROJECT_ROOT / "evals" / "golden.jsonl").read_text().splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


@pytest.mark.parametrize("k", [1, 5, 20, 10_000])
def test_real_guide_matches_rank_bm25(guide, k):
    keys, texts = guide
    index = BM25Index(keys, texts)
    queries = QUERIES + golden_questions()
    results = [index.search(q, k) for q in queries]
    assert results == [reference(keys, texts, q, k) for q in queries]
    assert sum(bool(r) for r in results) > 0.8 * len(queries)  # not a comparison of empty lists


WORDS = ["salary", "salaries", "skill", "skills", "python", "mid-level", "$150,000", "Ph.D.", "senior",
         "engineer", "engineers", "the", "of", "what", "model", "deploy", "x1", "x2", "x3"]
corpora = st.lists(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), min_size=1, max_size=25)
queries = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)


@hypothesis_settings(max_examples=300, deadline=None)
@given(texts=corpora, query=queries, k=st.integers(1, 30))
def test_synthetic_corpora_match_rank_bm25(texts, query, k):
    """Few words over few chunks: common terms (idf floor), empty chunks, repeats and ties abound."""
    keys = [f"c{i}" for i in range(len(texts))]
    assert BM25Index(keys, texts).search(query, k) == reference(keys, texts, query, k)


def test_empty_corpus():
    assert BM25Index([], []).search("salary", 5) == []


def test_query_of_stop_words_only(guide):
    assert tokenize("what is the") == []
    assert BM25Index(*guide).search("what is the", 5) == []


def test_repeated_query_term_counts_again(guide):
    index = BM25Index(*guide)
    once, twice = index.search("salary", 5), index.search("salary salary", 5)
    assert once and [key for key, _ in twice] == [key for key, _ in once]
    assert [score for _, score in twice] == [2 * score for _, score in once]


def test_term_in_every_chunk_gets_the_idf_floor():
    """'engineer' is in all three chunks (negative idf): floored to 0.25 × the mean idf, a small
    positive score here; equal scores rank in chunk order."""
    texts = ["engineer a1 b1 c1", "engineer a2 b2 c2", "engineer a3 b3 c3"]
    keys = ["first", "second", "third"]
    hits = BM25Index(keys, texts).search("engineer", 2)
    assert [key for key, _ in hits] == ["first", "second"] and hits[0][1] == hits[1][1] > 0
    assert hits == reference(keys, texts, "engineer", 2)


def test_term_in_every_chunk_of_a_small_vocabulary_scores_nothing():
    """With few other words the mean idf, and so the floor, is negative: no positive score, no hit."""
    texts = ["engineer salary", "engineer skill", "engineer python"]
    keys = ["a", "b", "c"]
    assert BM25Index(keys, texts).search("engineer", 3) == [] == reference(keys, texts, "engineer", 3)
    assert BM25Index(keys, texts).search("engineer skill", 3)[0][0] == "b"


def test_bm25_folding():
    assert {"ms", "phd", "midlevel", "150000", "degree"} <= set(tokenize("M.S. or Ph.D. degrees, mid-level, $150,000"))
