"""Decide what kind of answer a question gets, in one place: refuse (with the reason), ask which
role, answer from official wage data only, or answer from the guides — and, once the model has
spoken, whether what it said stands, falls back to the guides' own sentences, or is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from advisor import occupations, salary, scope
from advisor.evidence import Evidence
from advisor.guides import Catalog
from advisor.occupations import OccupationQuestion
from advisor.query import Query
from advisor.settings import Settings
from advisor.vocabulary import ADVICE, LIVE_LISTINGS, beside_pay, WHICH_ROLE, WRITING_TASK, asking, employer_named, foreign_place, USPS, without_own_job

NO_EXTRAS = ("I don't know what comes on top of the pay: my {role} guide doesn't name any perks, bonuses or "
             "other extras.")
# the reason the asker reads: "… that asks for a course, school or book to pick, which my guides don't cover."
ADVICE_ASKED = "I don't know: that asks {kind}, which my career guides don't cover."
EMPLOYER_PAY = ("I don't know what {employer} pays: my guides and the official wage tables give pay for a job, "
                "not for one employer.")
WRITE_CODE = "I can't write code for you: I'm a career advisor, and I answer questions about careers from my guides."

Action = Literal["answer", "refuse", "clarify", "official_only", "occupation"]


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str | None = None  # for the log: why not a guide answer
    message: str | None = None  # the first sentence the user reads, when not a guide answer


def decide(query: Query, evidence: Evidence, official: salary.OfficialPay | None, catalog: Catalog,
           settings: Settings, occupation: OccupationQuestion | None = None) -> Decision:
    """What to do before any model runs. ``occupation``: the O*NET occupations the question names."""
    if not query.asked:
        return Decision("refuse", "only instructions to the assistant, no question")
    if WRITING_TASK.search(query.asked):
        return Decision("refuse", "asks for code to be written", WRITE_CODE)
    if advice := advice_asked(query, catalog):  # of any job: no wage table or occupation profile answers it
        kind, said = advice
        return Decision("refuse", f"asks {kind} ({said!r}), which no guide covers", ADVICE_ASKED.format(kind=kind))
    if employer := employer_pay(query, catalog):
        return Decision("refuse", f"asks what one employer ({employer}) pays, which no guide gives",
                        EMPLOYER_PAY.format(employer=employer))
    if unlisted := no_extras(query, catalog):
        return Decision("refuse", f"asks what comes on top of pay, which the {unlisted} guide doesn't name",
                        NO_EXTRAS.format(role=unlisted))
    if abroad := query.abroad or (official and official.abroad):
        return Decision("refuse", f"pay outside the U.S. ({abroad})", salary.OUTSIDE_US.format(place=abroad))
    reason = out_of_scope(query, evidence, catalog, settings)
    if reason and official and other_job(official, query, catalog):
        return Decision("official_only", reason)
    if occupation and other_occupation(occupation, query, catalog, reason):
        if abroad := foreign_place(query.asked):
            return Decision("refuse", f"an occupation outside the U.S. ({abroad})",
                            occupations.OUTSIDE_US.format(place=abroad))
        return Decision("occupation", reason or f"asks about {occupation.said[0]!r}, which no guide covers")
    if reason:
        return Decision("refuse", reason)
    if query.unclear_role and (query.refers_to_role or len(evidence.docs) > 1 or query.pay):
        return Decision("clarify", "several guides and no role named",
                        f"My guides cover {catalog.role_names()}. {WHICH_ROLE}")
    return Decision("answer")


def asks_of_the_job(query: Query) -> bool:
    """A question that says it asks of the role ("can I work remotely in this job?", "what kind of writing
    does the job involve?") asks of the job in words of its own: a guide sentence as close as the refusal
    threshold is evidence enough, before the model and after it."""
    return query.refers_to_role and bool(query.roles)


def out_of_scope(query: Query, evidence: Evidence, catalog: Catalog, settings: Settings) -> str | None:
    """Why the guides can't answer, or None. A follow-up ("what do they earn?") keeps the job its
    conversation is about: the role check reads the stand-alone question."""
    if not evidence.hits:
        return "no retrieval results"
    s = settings
    # an outline answers a broad question however few of its words match, unless it asks of something
    # no guide names: "what meds should I take for carpal tunnel from typing all day?" is no daily work
    exempt = (outlined(query, evidence) and not evidence.unnamed) or banded(query, catalog)
    if not exempt and (weak := scope.lacks_evidence(
            evidence.checked or query.search, evidence.hits, s.refusal_floor, s.refusal_threshold,
            s.keyword_coverage_min, s.refusal_threshold if asks_of_the_job(query) else s.sentence_match)):
        return weak
    if years := scope.unknown_years(query.asked, catalog.corpus):
        return f"asks about {', '.join(years)}, which no guide mentions"
    if counted := scope.uncounted(query.corrected, catalog.words):  # spelled out: "how many yrs" counts years
        return f"asks how many {counted}, which no guide counts"
    if priced := scope.unpriced(query.asked, catalog.gives_prices):
        return f"asks a price ({priced}), which no guide gives"
    if LIVE_LISTINGS.search(asking(query.asked)):
        return "asks for live job listings, which no guide holds"
    # a role the question names only beside what it asks: "I'm torn between security analyst and becoming an
    # accountant. What does an accountant usually earn?" asks of the accountant
    # nor the asker's own job: "I'm a high school maths teacher … Does my math count for anything here?"
    if role := scope.uncovered_role(asking(query.standalone) if query.named else without_own_job(query.standalone),
                                    catalog.covered):
        return f"asks about {role!r}, which no guide covers"
    return None


def no_extras(query: Query, catalog: Catalog) -> str | None:
    """The role whose guide names nothing that comes on top of pay, when the question sets pay aside to
    ask for that ("Besides the base pay, what extras do security analysts get?"): its pay section
    would answer a question nobody asked. None when the question compares, or its role is unclear."""
    guides = query.roles if len(query.roles) == 1 else catalog.guides
    if query.compares or len(guides) != 1 or not beside_pay(query.corrected):
        return None
    return None if catalog.beside_pay({guides[0].doc_id}) else guides[0].role


def advice_asked(query: Query, catalog: Catalog) -> tuple[str, str] | None:
    """The kind of advice no career guide gives (the law, one's money, visas, interviews, what to buy) a
    question asks in words no guide uses, and those words; or None."""
    for kind, pattern in ADVICE.items():
        if (said := pattern.search(query.asked)) and not catalog.uses(said.group(0)):
            return kind, said.group(0)
    return None


def employer_pay(query: Query, catalog: Catalog) -> str | None:
    """The employer whose own pay the question asks ("What does Google DeepMind pay …?"), when no
    guide names it and it is neither a guide's role nor a place ("Does California pay more?": OEWS)."""
    employer = employer_named(query.asked)
    if not employer or catalog.uses(employer) or catalog.roles_in(employer):
        return None
    return None if employer.lower() in USPS or foreign_place(employer) else employer


def outlined(query: Query, evidence: Evidence) -> bool:
    """A broad question whose topic the guides' own headings name ("what does the day look like?" and
    "Core Responsibilities"): that topic's outline answers it, however few of its words match and
    whatever the model makes of it. So is the list section a question names by its heading when
    retrieval agrees ("Do I need a PhD?" and "Requirements › Education"), and a comparison of roles on
    a topic each side's guide has a section on ("compare the education you need for both roles")."""
    compared = query.compares_roles and {g.doc_id for g in query.roles} <= evidence.side_topics
    return bool(evidence.topic and (query.broad or evidence.asked_list)) or compared


def banded(query: Query, catalog: Catalog) -> bool:
    """A pay question at a career level of a role the guides cover ("how much can I expect to make right
    out of school doing this?"): its guide's band for that level answers it, however few of its words the
    band shares. A role it names that no guide covers is still refused after this."""
    return query.pay and bool(query.levels) and bool(query.roles) and all(
        catalog.band(g.doc_id, level) for g in query.roles for level in query.levels_of(g.doc_id))


def other_job(official: salary.OfficialPay, query: Query, catalog: Catalog) -> bool:
    """The guides refused a pay question that names a job they don't cover and that OEWS knows
    (not one asking about a year or a role the guides do cover: those stay refused)."""
    if not (official.named and official.lookup.ok):
        return False
    return (not scope.unknown_years(query.asked, catalog.corpus)
            and not scope.mentions_covered_role(official.named, catalog.covered))


def other_occupation(asked: OccupationQuestion, query: Query, catalog: Catalog, reason: str | None) -> bool:
    """The question is about O*NET occupations that are not the guides' roles: named by their title
    (a one-word or near title only when the guides can't answer, or never use its words and the
    question does not say it means the guides' role: "what are the hardest parts of the job?" is no
    question about Parts Salespersons), not beside a guide's role or a year no guide mentions."""
    if query.named or any(scope.mentions_covered_role(said, catalog.covered) for said in asked.said):
        return False
    if scope.unknown_years(query.asked, catalog.corpus):
        return False
    unknown_to_guides = not any(re.search(rf"\b{re.escape(said)}", catalog.corpus, re.I) for said in asked.said)
    return reason is not None or not asked.near or (unknown_to_guides and not query.refers_to_role)


AfterModel = Literal["keep", "extractive", "refuse"]


@dataclass(frozen=True)
class ModelOutcome:
    """What the generate stage saw of the model's reply."""

    cited_lines: int  # lines that passed verification
    uses_llm: bool
    failed: bool = False  # the model errored midway
    declined: bool = False  # it said the sources lack the answer, and nothing else it said stood
    said_nothing: bool = False  # an empty or bare-marker reply: neither a claim nor a decline


def after_model(outcome: ModelOutcome, best_similarity: float, coverage: float, has_official: bool,
                settings: Settings, outlined: bool = False, words_known: bool = False,
                job_sentence: float = 0.0) -> AfterModel:
    """What the model said stands ("keep"); the guides' own sentences answer instead ("extractive");
    or the question is refused after all ("refuse").

    Nothing verified is a refusal only on evidence too weak to stand on its own. When the model
    declined (a 1.5B model declines yes/no questions its sources do answer), its sources must match
    the question (``declined_similarity``) and hold nearly all its words (``declined_coverage``:
    "a security clearance" is not in a section about job security); when what it said could not be
    verified, the match must be ``confident_similarity``. (One close guide sentence is no such
    evidence: "Do they need a security clearance?" is 0.75 from "Job security, thanks to high
    demand".) A model that failed or said nothing at all says nothing about the evidence, and
    official figures are always worth giving with the guides' passages beside them, as is the outline of
    a topic the question asks for as a whole (``outlined``). A question none of whose words is
    unknown to the guides (``words_known``) needs its sources to hold only ``declined_coverage_known``
    of them: "my gradients keep blowing up or vanishing … what does the guide recommend?" is put in
    words of its own, but nothing it asks of is missing from the guides. A question that asks of the job
    (``asks_of_the_job``) stands on the sentence it passed the check before the model with
    (``job_sentence``, its closest guide sentence): "can I do this job from my couch?" is 0.15 from any
    whole section and 0.34 from the guide's line on remote work."""
    if outcome.cited_lines or not outcome.uses_llm:
        return "keep"
    if outcome.failed or outcome.said_nothing or has_official or outlined:
        return "extractive"
    if job_sentence >= settings.refusal_threshold:
        return "extractive"
    if outcome.declined:
        needed = settings.declined_coverage_known if words_known else settings.declined_coverage
        answered = best_similarity >= settings.declined_similarity and coverage >= needed
    else:
        answered = best_similarity >= settings.confident_similarity
    return "extractive" if answered else "refuse"
