"""Is the question about something our guides cover? Cheap layers before any model runs.

1. Evidence gate: no sentence of the guides is close, and the best section match is very weak,
   or weak with few of the question's words in the top sections → off topic (bread, capitals,
   poems). Short in-scope questions can have low similarity ("Which frameworks should I know?"
   ≈ 0.23), so words count as evidence too.
2. Place, year, count and price checks: pay outside the guides' region (the guides give US figures),
   a year no guide mentions ("the 2030 salary"), a count of something no guide names ("how many
   hours a week?") or a price no guide gives ("how much does the exam cost?") cannot be answered
   from them.
3. Role check: the question names a job our guides don't cover ("a dentist", "software
   engineers") and none they do → refuse rather than answer with another role's figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from advisor.bm25 import tokenize
from advisor.textmatch import NUMBER, content_tokens, coverage, role_words, sentences, stem
from advisor.types import Hit
from advisor.vocabulary import AMOUNT, CHOICE, HEDGES, PRICE, VAGUE, VERSUS, YEAR, asks_pay, foreign_place

TECH_NOUNS = ("engineer|developer|scientist|analyst|designer|manager|architect|administrator|consultant|"
              "specialist|technician|programmer|researcher|tester")
OTHER_JOBS = ("nurse|doctor|dentist|physician|teacher|lawyer|pilot|accountant|chef|plumber|electrician|"
              "pharmacist|writer|marketer|recruiter|firefighter|baker|farmer|cashier|driver|actor|musician")
# fields whose engineers/developers/analysts are other careers than the ones the guides describe
OTHER_FIELDS = ("software|data|web|front-end|frontend|front end|back-end|backend|back end|full-stack|fullstack|"
                "full stack|devops|cloud|security|cybersecurity|mobile|ios|android|game|qa|site reliability|"
                "database|embedded|hardware|electrical|mechanical|civil|chemical|ux|ui|product|marketing|"
                "sales|business|financial|finance|network security|systems|it|blockchain|frontend web|web3")
OTHER_ROLE = re.compile(rf"\b(?:{OTHER_FIELDS})(?:\s+(?:web|app|application))?\s+(?:{TECH_NOUNS})s?\b", re.I)
OTHER_JOB = re.compile(rf"\b(?:{OTHER_JOBS})s?\b", re.I)
# a job the asker has or had ("So I'm 34, an accountant, …", "I work as a nurse"): their background, not what they ask about
BACKGROUND = re.compile(r"\b(?:i'?m|i am|i was|i've been|i have been|i work(?:ed)? as|working as|currently|former(?:ly)?|"
                        r"ex-?)\s+(?:\w+,?\s+){0,2}?(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.I)
# said to compare: "between a … and a …", "earn more than …"; not "a different degree"
BESIDE = re.compile(rf"\b(?:{VERSUS}|compar\w*|difference|differs?|stacks? up|between|than)\b", re.I)
TITLE_ROLE = re.compile(rf"\b((?:[A-Z][A-Za-z+#.-]*\s+){{0,3}}(?:{TECH_NOUNS.title()}))s?\b")


VAGUE_TOKENS = frozenset(tokenize(" ".join(VAGUE)))


def keyword_coverage(question: str, hits: list[Hit], top: int = 3, ignore: frozenset[str] = frozenset()) -> float:
    """Share of the question's content words (not its role's, nor ``ignore``, nor those that only
    colour it: HEDGES) that appear in its top sections. Judging a model's decline, vague words are
    ignored: "does the guide say anything about that?" asks nothing of a section. Before the model
    they count: "how should I negotiate a pay rise?" stays refused."""
    wanted = content_tokens(question) - role_words(hits[:top]) - HEDGES - ignore
    found = set().union(*(content_tokens(h.heading + " " + h.text) for h in hits[:top])) if hits else set()
    # a word counts in any form: "hired" where a section says "hires"
    return coverage({w if w in found else stem(w) for w in wanted}, found | {stem(w) for w in found})


def lacks_evidence(question: str, hits: list[Hit], floor: float, threshold: float, min_coverage: float,
                   sentence_match: float) -> str | None:
    """Why the retrieval evidence is too weak to answer, or None. One sentence as close as
    ``sentence_match`` is evidence enough: "can I do this job from home?" is far from the whole
    Benefits section and close to its line on remote work."""
    if max((h.sentence_similarity for h in hits), default=0.0) >= sentence_match:
        return None
    best = max((h.similarity for h in hits), default=0.0)
    if best < floor:
        return f"best similarity {best:.2f} < floor {floor}"
    if best < threshold and (cov := keyword_coverage(question, hits)) < min_coverage:
        return f"best similarity {best:.2f} < {threshold} and keyword coverage {cov:.2f} < {min_coverage}"
    return None


def foreign_pay(question: str) -> str | None:
    """A pay question about a place outside the US, whose figures no guide gives."""
    return foreign_place(question) if asks_pay(question) else None


def unknown_years(question: str, corpus_text: str) -> list[str]:
    return [y for y in YEAR.findall(question) if y not in corpus_text]


# "how many hours a week …", "how many vacation days …": the one or two words after "how many", up to
# a word that ends the phrase ("how many of those jobs …" counts jobs); "how many will there be?" names
# nothing: it counts what the turn before asked of, as "and how many by 2034?" does
COUNTED = re.compile(r"\bhow many\s+(?:of\s+(?:those|these|the|them|their|our|your)\s+)?"
                     r"(?!(?:will|would|are|were|is|was|do|does|did|can|could|should|have|has|there|of|"
                     r"by|in|on|at|for|to|from|per|within|over|after|before|until)\b)([a-z][\w-]*)"
                     r"(?:\s+(?!(?:a|an|the|do|does|did|is|are|was|were|will|would|can|"
                     r"could|should|per|of|in|on|at|for|to|each|every|there)\b)([a-z][\w-]*))?", re.I)


def uncounted(question: str, corpus_words: frozenset[str]) -> str | None:
    """What a "how many …?" question counts, when no guide uses any of its words: the guides give no
    such figure however close the rest of the question is ("How many hours a week do they work?")."""
    m = COUNTED.search(question)
    if not m:
        return None
    said = " ".join(g for g in m.groups() if g)
    return said if not set(tokenize(said)) & corpus_words else None


def gives_prices(corpus_text: str) -> bool:
    """Whether any guide sentence gives a price (a price word beside a figure): read once per index."""
    return any(PRICE.search(s) and NUMBER.search(s) for s in sentences(corpus_text))


def unpriced(question: str, prices_given: bool) -> str | None:
    """The price a question asks for ("How much does it cost to sit the CISSP exam?"), when no guide
    gives one: the guides name no exam fees or tuition, so whatever close sections they have cannot
    answer it."""
    asked = PRICE.search(question)
    return asked.group(0).lower() if asked and AMOUNT.search(question) and not prices_given else None


def covered_roles(role_names: set[str], corpus_text: str) -> set[str]:
    """Role names of the indexed guides plus roles the guides name as titles ("AI Architect")."""
    found = {m.group(1).lower() for m in TITLE_ROLE.finditer(corpus_text)}
    return {r.lower() for r in role_names} | found


def mentions_covered_role(text: str, covered: set[str]) -> bool:
    flat = " ".join(text.lower().split())
    return any(role.rstrip("s") in flat for role in covered)


def other_roles(question: str, covered: set[str]) -> tuple[str, ...]:
    """Every career the question names that the guides don't cover, beside any they do
    ("neural network engineers vs data scientists" → "data scientists")."""
    return tuple(m.group(0) for m in _other_careers(question, covered))


def _other_careers(question: str, covered: set[str]) -> Iterator[re.Match]:
    named = (*OTHER_ROLE.finditer(question), *OTHER_JOB.finditer(question))
    return (m for m in named if not _part_of_covered(m.group(0), covered))


def set_beside(question: str, covered: set[str]) -> tuple[str, ...]:
    """The careers no guide covers that a question about a covered role sets beside it ("what's the
    difference between a neural network engineer and a data scientist?" → "data scientist"): not the
    asker's own job ("I'm an accountant, …"), and only when the question says it compares."""
    if not (BESIDE.search(question) or CHOICE.search(question)):
        return ()
    return tuple(dict.fromkeys(_not_the_askers(question, covered)))


def _part_of_covered(named: str, covered: set[str]) -> bool:
    """"security analysts" is part of a covered role's name: not another career."""
    return any(named.lower().rstrip("s") in role for role in covered)


def uncovered_role(question: str, covered: set[str]) -> str | None:
    """A job the question names that is another career than the guides cover ("a dentist",
    "software engineers"), unless the question also names a covered role, or the job is the
    asker's own ("I'm an accountant, is there demand for people who build neural nets?")."""
    if mentions_covered_role(question, covered):
        return None
    return next(_not_the_askers(question, covered), None)


def _not_the_askers(question: str, covered: set[str]) -> Iterator[str]:
    """Other careers the question names, but the asker's own."""
    return (m.group(0) for m in _other_careers(question, covered) if not BACKGROUND.search(question[:m.start()]))
