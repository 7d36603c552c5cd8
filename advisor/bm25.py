"""Keyword side of hybrid retrieval: BM25 with the normalisation career text needs.

Degree names come dotted ("M.S.", "Ph.D."), levels hyphenated ("mid-level"), figures with
commas ("$150,000"): each is folded so that the query and the guide meet.
"""

from __future__ import annotations

import re

from rank_bm25 import BM25Okapi

STOP_WORDS = frozenset(
    "a an and are as at be by can do does for from how i in is it its me my of on or our so that the "
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


class BM25Index:
    def __init__(self, keys: list[str], texts: list[str]) -> None:
        self.keys = keys
        self._bm25 = BM25Okapi([tokenize(t) or ["∅"] for t in texts]) if texts else None

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        terms = tokenize(query)
        if not self._bm25 or not terms:
            return []
        scores = self._bm25.get_scores(terms)
        ranked = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
        return [(self.keys[i], float(scores[i])) for i in ranked[:k] if scores[i] > 0]
