"""Is the question about something our guides cover? Cheap layers before any model runs.

1. Evidence gate: the best dense match is very weak, or weak with few of the question's words
   in the top sections → off topic (bread, capitals, poems). Short in-scope questions can have
   low similarity ("Which frameworks should I know?" ≈ 0.23), so words count as evidence too.
2. Role check: the question names a job our guides don't cover ("a dentist", "software
   engineers") and none they do → refuse rather than answer with another role's figures.
"""

from __future__ import annotations

import re

from advisor.bm25 import STOP_WORDS
from advisor.textmatch import content_tokens, coverage
from advisor.types import Hit

TECH_NOUNS = ("engineer|developer|scientist|analyst|designer|manager|architect|administrator|consultant|"
              "specialist|technician|programmer|researcher|tester")
OTHER_NOUNS = ("nurse|doctor|dentist|physician|teacher|lawyer|pilot|accountant|chef|plumber|electrician|"
               "pharmacist|writer|marketer|recruiter|firefighter|baker|farmer|cashier|driver")
ROLE_NOUNS = f"{TECH_NOUNS}|{OTHER_NOUNS}"
GENERIC_ALONE = set(TECH_NOUNS.split("|"))
ROLE_PHRASE = re.compile(rf"\b((?:[a-z][a-z+#.-]*\s+){{0,2}}(?:{ROLE_NOUNS}))s?\b", re.I)
TITLE_ROLE = re.compile(rf"\b((?:[A-Z][A-Za-z+#.-]*\s+){{0,3}}(?:{TECH_NOUNS.title()}))s?\b")
LEADING_NOISE = STOP_WORDS | {"do", "does", "become", "being", "senior", "junior", "entry", "level", "mid", "lead",
                              "good", "like", "work", "working", "much", "many", "make", "earn", "skilled"}


def keyword_coverage(question: str, hits: list[Hit], top: int = 3) -> float:
    """Share of the question's content words that appear in its top sections."""
    wanted = content_tokens(question)
    found = set().union(*(content_tokens(h.heading + " " + h.text) for h in hits[:top])) if hits else set()
    return coverage(wanted, found)


def lacks_evidence(question: str, hits: list[Hit], floor: float, threshold: float, min_coverage: float) -> str | None:
    """Why the retrieval evidence is too weak to answer, or None."""
    best = max((h.similarity for h in hits), default=0.0)
    if best < floor:
        return f"best similarity {best:.2f} < floor {floor}"
    if best < threshold and (cov := keyword_coverage(question, hits)) < min_coverage:
        return f"best similarity {best:.2f} < {threshold} and keyword coverage {cov:.2f} < {min_coverage}"
    return None


def covered_roles(role_names: set[str], corpus_text: str) -> set[str]:
    """Role names of the indexed guides plus roles the guides name as titles ("AI Architect")."""
    found = {m.group(1).lower() for m in TITLE_ROLE.finditer(corpus_text)}
    return {r.lower() for r in role_names} | found


def _role_phrases(question: str) -> list[str]:
    phrases = []
    for m in ROLE_PHRASE.finditer(question):
        words = m.group(1).lower().split()
        while words[:-1] and all(part in LEADING_NOISE for part in words[0].split("-")):
            words = words[1:]
        if len(words) > 1 or words[0] not in GENERIC_ALONE:  # a bare "engineer" means the role discussed
            phrases.append(" ".join(words))
    return phrases


def uncovered_role(question: str, covered: set[str]) -> str | None:
    """The first role the question names that no guide covers, unless it also names a covered one."""
    phrases = _role_phrases(question)
    known = [p for p in phrases if any(c.endswith(p) or p.endswith(c) for c in covered)]
    unknown = [p for p in phrases if p not in known]
    return unknown[0] if unknown and not known else None
