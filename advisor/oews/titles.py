"""Job titles matched by their words: the one matcher behind OEWS occupations and O*NET's, so a
title people type finds the same occupation in both.

A question's words are compared with every title's, each weighted by how rare it is among the
titles (IDF), near spellings and longer or shorter forms counting a little less than the word.
"""

from __future__ import annotations

import math
from difflib import SequenceMatcher, get_close_matches
from functools import lru_cache

from advisor.oews.names import MAX_TITLE_WORDS, name_words

MIN_SCORE = 0.5  # below it, no title is a match
NEAR = 0.15  # titles this close to the best are offered beside it


class TitleIndex:
    """Codes by title words. ``find`` is read-only and thread-safe."""

    def __init__(self, titles: dict[str, str], weight: dict[str, float] | None = None) -> None:
        """``titles``: code → title; ``weight``: code → a tie-breaker between equal matches (employment)."""
        self.words = {code: name_words(title) for code, title in titles.items()}
        self._weight = weight or {}
        df: dict[str, int] = {}
        for words in self.words.values():
            for w in set(words):
                df[w] = df.get(w, 0) + 1
        self._idf = {w: math.log(1 + len(self.words) / n) for w, n in df.items()}
        self._rare = max(self._idf.values())  # the weight of a query word no title has
        self.vocabulary = frozenset(self._idf)  # every word of every title, as ``name_words`` gives it
        self._similar = lru_cache(maxsize=4096)(self._similar_words)  # the same few words come back every time

    def find(self, words: tuple[str, ...], limit: int = 3) -> list[tuple[str, float, bool]]:
        """(code, score, approximate) of the titles ``words`` (``name_words(…, query=True)``) match
        best, best first: the title itself alone, else those within ``NEAR`` of the best."""
        words = words[:MAX_TITLE_WORDS]
        if not words:
            return []
        similar = {q: self._similar(q) for q in words}
        scored = sorted(((self._score(similar, t), self._weight.get(c, 0.0), c) for c, t in self.words.items()),
                        reverse=True)
        best = scored[0][0]
        if best < MIN_SCORE:
            return []
        found = [(c, round(s, 3), set(words) != set(self.words[c])) for s, _, c in scored[:limit] if s >= best - NEAR]
        return found[:1] if not found[0][2] else found  # the title itself: nothing else is closer

    def _similar_words(self, word: str) -> dict[str, float]:
        """Title words like ``word``: itself 1.0, a longer or shorter form 0.9, a near spelling its ratio."""
        found = {w: 0.9 for w in self._idf
                 if min(len(w), len(word)) >= 5 and (w.startswith(word) or word.startswith(w))}
        if len(word) >= 5:
            found |= {w: SequenceMatcher(None, word, w).ratio() for w in get_close_matches(word, self._idf, 5, 0.85)}
        return found | ({word: 1.0} if word in self._idf else {})

    def _score(self, similar: dict[str, dict[str, float]], title: tuple[str, ...]) -> float:
        """IDF-weighted share of the query words in the title, and a little of the title's words in the query."""
        if not title:
            return 0.0
        weight = {q: self._idf.get(q, self._rare) for q in similar}
        recall = sum(weight[q] * max(sims.get(t, 0.0) for t in title)
                     for q, sims in similar.items()) / sum(weight.values())
        precision = sum(max(sims.get(t, 0.0) for sims in similar.values()) for t in title) / len(title)
        return 0.75 * recall + 0.25 * precision if recall >= 0.5 else 0.0
