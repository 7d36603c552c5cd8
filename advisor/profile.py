"""Profile-aware advice: the salary band that applies and the skills gap, from guide sections.

The guide gives bands (entry, mid, senior) but no year ranges. The mapping from years of
experience to a band is ours and the answer says so; every fact in these lines is the guide's.
"""

from __future__ import annotations

import re

from advisor.textmatch import best_sentence, content_tokens, sentences
from advisor.types import Hit, Profile

BANDS = [(3, "entry-level"), (8, "mid-level"), (float("inf"), "senior-level")]
BAND_NOTE = "(Career Advisor maps under 3 years of experience to entry level, 3 to 7 to mid level and 8 or more to senior level; the guide itself gives no year ranges.)"
SKILL_WORDS = re.compile(r"\b(skill|learn|gap|requirement|qualif|ready|prepare|need|study|improve)\w*", re.I)


def band_for(years: float) -> str:
    return next(slug for limit, slug in BANDS if years < limit)


def wants_skills(question: str) -> bool:
    return bool(SKILL_WORDS.search(question))


def band_line(profile: Profile, band: Hit) -> str:
    years = f"{profile.years_experience:g}"
    return f"With {years} years of experience, the {band.own_heading} band applies: {best_sentence(band.text, 'earn per year annually range')}"


def skills_lines(profile: Profile, requirements: list[Hit], max_gaps: int = 3) -> list[tuple[str, Hit]]:
    """(line, section) pairs: what the user's skills already cover, then the first gaps."""
    skills = [s.strip() for s in profile.skills if s.strip()]
    mine = [(s, content_tokens(s)) for s in skills]
    covered, gaps = [], []
    for hit in requirements:
        text = hit.text.lower()
        matched = [s for s, toks in mine if s.lower() in text or (toks and toks <= content_tokens(hit.text))]
        (covered if matched else gaps).append((hit, matched))
    lines = [(f"Your skills already cover {h.own_heading} ({', '.join(m)}).", h) for h, m in covered]
    for hit, _ in gaps[:max_gaps]:
        first = next((x for x in sentences(hit.text) if not x.endswith(":")), hit.text)
        lines.append((f"To work on, {hit.own_heading}: {first}", hit))
    return lines
