"""Keyword side of hybrid retrieval: BM25 with the normalisation career text needs.

Degree names come dotted ("M.S.", "Ph.D."), levels hyphenated ("mid-level"), figures with
commas ("$150,000"): each is folded so that the query and the guide meet.

Scores are rank_bm25's ``BM25Okapi`` scores to the last bit (same formula, parameters and order of
floating-point operations; tests/test_bm25.py compares them), but come from an inverted index: a
query touches only the chunks holding one of its terms, where ``BM25Okapi.get_scores`` walks every
chunk in Python for every term (7 ms a query at 55× the guide, most of a cold search's overhead).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter

STOP_WORDS = frozenset(
    "a an and are as at be by can do does for from had has have how i in is it its me my of on or our so that the "
    "their them there these they this to was we what when where which who why will with you your".split()
)
DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}|\b[A-Z][a-z]\.[A-Z]\.?")
TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*(?:[-,.][a-z0-9]+)*")


def _stem(word: str) -> str:
    if len(word) >= 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    text = DOTTED.sub(lambda m: m.group(0).replace(".", ""), text).lower()
    out: list[str] = []
    for raw in TOKEN.findall(text):
        if re.fullmatch(r"[0-9][0-9,.]*", raw):
            out.append(raw.replace(",", "").rstrip("."))
            continue
        parts = re.split(r"[-,.]", raw)
        if len(parts) > 1:
            out.append("".join(parts))
        out.extend(_stem(p) for p in parts if p and p not in STOP_WORDS)
    return out


K1 = 1.5
B = 0.75
EPSILON = 0.25  # idf floor for terms in more than half the chunks: EPSILON × the mean idf
EMPTY = "∅"  # a chunk with no tokens counts as one token long (tokenize never yields this one)


class BM25Index:
    """Okapi BM25 over an inverted index: term → postings [(chunk index, term frequency)]."""

    def __init__(self, keys: list[str], texts: list[str]) -> None:
        self.keys = keys
        self._postings: dict[str, list[tuple[int, int]]] = {}
        self._idf: dict[str, float] = {}
        self._norm: list[float] = []  # per chunk: K1 × (1 − B + B × length / mean length)
        if not texts:
            return
        lengths = []
        for i, text in enumerate(texts):
            tokens = tokenize(text) or [EMPTY]
            lengths.append(len(tokens))
            for term, tf in Counter(tokens).items():
                self._postings.setdefault(term, []).append((i, tf))
        n, avgdl = len(texts), sum(lengths) / len(texts)
        self._norm = [K1 * (1 - B + B * dl / avgdl) for dl in lengths]
        # idf summed one by one in first-seen term order, as BM25Okapi does, so that the floor (and
        # with it every score) is bit-for-bit the same
        idf_sum, negative = 0.0, []
        for term, postings in self._postings.items():
            idf = self._idf[term] = math.log(n - len(postings) + 0.5) - math.log(len(postings) + 0.5)
            idf_sum += idf
            if idf < 0:
                negative.append(term)
        floor = EPSILON * (idf_sum / len(self._idf))
        for term in negative:
            self._idf[term] = floor

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """The ``k`` best chunks with a positive score, best first; ties go to the earlier chunk."""
        scores: dict[int, float] = {}
        norm = self._norm
        for term in tokenize(query):  # a repeated term counts again, as in BM25Okapi
            idf = self._idf.get(term)
            if idf is None:
                continue
            for i, tf in self._postings[term]:
                scores[i] = scores.get(i, 0.0) + idf * (tf * (K1 + 1) / (tf + norm[i]))
        best = heapq.nlargest(k, ((s, -i) for i, s in scores.items() if s > 0))
        return [(self.keys[-neg_i], s) for s, neg_i in best]
