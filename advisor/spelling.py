"""Typos corrected against the guides' own words, so "waht skils r needed" searches for "what skills".

rapidfuzz (maintained, C++, no dictionary file to ship) finds, for a word no guide uses, the guide
word at the smallest OSA edit distance (a swap of two letters counts once: "senoir" → "senior").
symspellpy would need a frequency dictionary built and kept beside the index; with a vocabulary of a
few thousand words a direct search costs well under a millisecond a word. A word is left alone when
a guide uses it, when it is a whole word of the embedding model's own vocabulary (30,000 common
English word pieces, shipped with the model: "become" is not a typo of "before"); nor is a word
changed into one that loses what the question reader saw in it (``understood``: "trending" is a trends
word, not a typo of the guide's "trading"; "requirments" still becomes "requirements"). Only words of four
or more letters are touched, the first letter must match, and the distance allowed grows with
length (1 up to five letters, 2 beyond). A word may also be corrected into one the question reader
knows though no guide uses it ("promted" → "promoted", a progression word), and chat shorthand
("wrk", "u", "r") is written out first. A British spelling becomes the guides' American one when they use
it or it is a known word ("specialise" → "specialize", not the nearer "specialist"), and a plural spelled as
if regular the guides' one ("citys" → "cities"). Of words as near, one the typo only dropped letters of wins
over a commoner one ("wich" → "which", not "with").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

WORD = re.compile(r"[A-Za-z][a-z]*")
MIN_LENGTH = 4
# chat shorthand, too short to correct by distance: "can i wrk from home", "waht skils r needed"
SHORTHAND = {"wrk": "work", "wrking": "working", "teh": "the", "u": "you", "ur": "your", "r": "are", "n": "and", "hav": "have",
             "abt": "about", "bc": "because", "cuz": "because", "tho": "though", "wat": "what", "wht": "what",
             "shud": "should", "shld": "should", "wud": "would", "cud": "could",
             "yr": "year", "yrs": "years", "hr": "hour", "hrs": "hours", "wk": "week", "wks": "weeks", "pls": "please", "plz": "please", "govt": "government",
             "mgmt": "management", "reqs": "requirements", "cert": "certification", "certs": "certifications", "uni": "university",
             "grad": "graduate", "grads": "graduates", "ppl": "people", "comp": "compensation", "compsci": "computer science", "cs": "computer science",
             "docs": "documentation", "stats": "statistics", "info": "information"}  # "im a new grad" (it became "grid")
# shorthand of two words, read before the words one by one ("comp sci" is no "comp", pay)
SHORT_PHRASES = {"comp sci": "computer science", "comp-sci": "computer science"}
SHORT_PHRASE = re.compile(r"\b(?:" + "|".join(map(re.escape, SHORT_PHRASES)) + r")\b", re.I)
# British endings → American ones, longest first
US_ENDINGS = (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"), ("ise", "ize"),
              ("yse", "yze"), ("ours", "ors"), ("our", "or"), ("tres", "ters"), ("tre", "ter"))


def max_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


@lru_cache(maxsize=4)
def understood_words(known: frozenset[str], understood: Callable[[str], bool]) -> list[str]:
    """The known words the question reader understands: read once per vocabulary (30,000 words)."""
    return sorted(w for w in known if len(w) >= MIN_LENGTH and understood(w))


class Speller:
    """Corrections against one vocabulary (the indexed guides' words, most frequent first)."""

    def __init__(self, texts: list[str], known: frozenset[str] = frozenset(),
                 understood: Callable[[str], bool] = lambda word: False) -> None:
        self.understood = understood
        counts = Counter(w.lower() for text in texts for w in WORD.findall(text))
        self.guide_words = frozenset(counts)
        self.words = self.guide_words | known
        self._by_initial: dict[str, list[str]] = {}
        # the guides' words, most frequent first, then the known words the question reader understands
        targets = [w for w, _ in counts.most_common()] + [w for w in understood_words(known, understood) if w not in counts]
        for word in targets:
            if len(word) >= MIN_LENGTH - 1:
                self._by_initial.setdefault(word[0], []).append(word)

    def correct_word(self, word: str) -> str | None:
        """The guide word ``word`` is a typo of, or None when it is fine or nothing is close."""
        low = word.lower()
        if low in SHORTHAND and word == low:  # "R", the language, is no "are"
            return SHORTHAND[low]
        if len(low) < MIN_LENGTH or low in self.guide_words or not low.isalpha():
            return None
        if (american := self.american(low)) and word == low:
            return american
        if low in self.words:
            return None
        if re.fullmatch(r"\w+[^aeiou]ys", low) and (plural := low[:-2] + "ies") in self.words:
            return plural  # "citys": a plural spelled as if regular, too far from "cities" by distance
        found = self._nearest(low)
        if found and self.understood(low) and not self.understood(found[0]):
            return None  # a correction may not lose what the question reader saw ("requirments" may)
        return found[0] if found else None

    def _nearest(self, word: str) -> tuple[str, float, int] | None:
        """The nearest word, the commonest of those as near, unless one of them only adds letters the
        typo dropped ("wich": "which", not the commoner "with")."""
        found = process.extract(word, self._by_initial.get(word[0], []), scorer=OSA.distance,
                                score_cutoff=max_distance(word), limit=None)
        if not found:
            return None
        nearest = [f for f in found if f[1] == min(f[1] for f in found)]
        return min(nearest, key=lambda f: (not _dropped_from(word, f[0]), f[2]))

    def american(self, word: str) -> str | None:
        """The American spelling of a British ``word`` ("organisation" → "organization") when a guide
        or the known vocabulary has it, else, for a word nobody knows, the guides' commonest word of
        that stem ("specialise" → "specialized" when they say only "specialized" and "specializing")."""
        british, us = next(((b, u) for b, u in US_ENDINGS if word.endswith(b)), ("", ""))
        if not british:
            return None
        spelled = word[: -len(british)] + us
        if spelled in self.words:
            return spelled
        if word in self.words:
            return None
        stem = spelled.rstrip("e")
        return next((w for w in self._by_initial.get(word[0], []) if w.startswith(stem) and w in self.guide_words), None)

    def correct(self, text: str) -> tuple[str, dict[str, str]]:
        """(text with typos replaced, {typo: correction})."""
        fixes: dict[str, str] = {}

        def fix(m: re.Match) -> str:
            right = self.correct_word(m.group(0))
            if right:
                fixes[m.group(0)] = right
            return right or m.group(0)

        def spell_out(m: re.Match) -> str:
            fixes[m.group(0)] = SHORT_PHRASES[m.group(0).lower()]
            return fixes[m.group(0)]

        return WORD.sub(fix, SHORT_PHRASE.sub(spell_out, text)), fixes


def _dropped_from(typo: str, word: str) -> bool:
    """``typo`` is ``word`` with letters left out ("wich", "which")."""
    letters = iter(word)
    return all(c in letters for c in typo)
