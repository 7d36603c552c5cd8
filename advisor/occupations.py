"""Questions about any U.S. occupation, answered from O*NET and OEWS by rule: which occupations a
question names, what it asks of them (what the job is, what it needs, what it pays, or two side by
side), and the answer's lines, each cited to its own O*NET or OEWS source. No model writes them,
so nothing in them can be invented.

An occupation is named when a run of the question's words is an O*NET title ("registered
nurses") or a common job title OEWS maps to one ("software engineer"). A one-word title
("Models", "Actors": common words too) or a near title ("dentist" → Dentists, General) counts only
where the guides cannot answer or never use the word, so it never takes a question the guides do
answer ("which skills do I need to build good models?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor import salary
from advisor.oews.lookup import WageData
from advisor.oews.names import name_words
from advisor.oews.reports import WageLookup
from advisor.onet.data import ATTRIBUTION, KINDS, OccupationData, OnetMatch, OnetOccupation
from advisor.onet.report import SCALE_NOTE, OccupationProfile, profile_of
from advisor.types import Hit
from advisor.vocabulary import DOING_ABOUT, asks_pay

PREFIX = 4  # letters a question's word shares with a title's person word ("nurse" → "Nurses", "analyst" → "Analysts")
MAX_WORDS = 24  # of a question read for occupation titles (the longest O*NET title has 14)
NEEDS = re.compile(r"\b(?:skills?|knowledge|abilit(?:y|ies)|strengths?|qualities|good at|need to (?:know|be)|"
                   r"requirements?|required|competenc\w*|certs?|certif\w*|credentials?|degrees?|qualif\w*)\b", re.I)
# what a job is asked as: its work ("what does a … do?", "duties") …
DOES = rf"\bwhat (?:does|do|did|would)\b.+\bdo\b{DOING_ABOUT}|\b(?:job description|duties|responsibilit\w*|day[- ]to[- ]day|work (?:of|as))\b"
# … or the job itself ("what is …", "describe …")
WHAT_IS = r"\b(?:what(?:'s| is| are)|describe|explain|tell me about)\b"
DESCRIBE = re.compile(rf"{DOES}|{WHAT_IS}", re.I)
COMPARE = re.compile(r"\b(?:vs\.?|versus|compar\w*|differ\w*)\b", re.I)
# words of the question's frame, not of a job title: left out before a near title is looked for
FRAME = frozenset(name_words("what does do did would describe explain tell about job description duties "
                             "responsibilities day work skills skill knowledge abilities ability strengths qualities "
                             "good need needs know required requirements requires matter matters most important "
                             "which top main key vs versus compare compared difference differences between earn "
                             "make pay paid salary wage much typical typically usually kind"))
OUTSIDE_US = ("O*NET and BLS OEWS describe occupations in the United States only, so I can't say what the job is "
              "like in {place}.")
INTRO = "My guides don't cover {what}, but the official U.S. occupation data (O*NET) does."
Line = salary.Line


@dataclass(frozen=True)
class OccupationQuestion:
    """The occupations a question names and what it asks about them."""

    matches: tuple[OnetMatch, ...]  # one, or two compared
    said: tuple[str, ...]  # each as the question put it
    near: bool  # found as a near title (or a one-word title), not exactly: only when the guides can't answer
    describe: bool
    needs: bool
    pay: bool
    others: tuple[str, ...] = ()  # other titles as near as the first

    @property
    def compares(self) -> bool:
        return len(self.matches) > 1


def read_question(data: OccupationData, question: str) -> OccupationQuestion | None:
    """The occupations ``question`` names, if it asks what they are, need or pay (or compares them)."""
    needs, pay, compare = bool(NEEDS.search(question)), asks_pay(question), bool(COMPARE.search(question))
    describe = bool(DESCRIBE.search(question)) and not (needs or pay)
    if not (describe or needs or pay or compare):
        return None
    words = name_words(question[:2000], query=True)[:MAX_WORDS]
    exact = _exact_titles(data, words)
    if exact:
        kept: dict[str, tuple[str, OnetMatch, bool]] = {}
        for i, j, match in exact:
            if j - i == 1 and _possessed(question, words[i]):
                continue  # "a pay rise with my manager": someone's own manager, not the occupation
            # a one-word title ("Models") is a common word too: near, however it is spelled; one whose
            # other words are stop words ("Engineers, All Other") is exact when spelled as O*NET does
            title = match.occupation.title
            spelled = len(title.split()) > 1 and title.lower() in question.lower()
            kept.setdefault(match.occupation.code, (" ".join(words[i:j]), match, j - i == 1 and not spelled))
        found = list(kept.values())[:2 if compare else 1]
        if not found:
            return None  # the only title was someone's own ("my manager")
        if compare and len(found) < 2:
            return None  # "A vs something else": not ours to answer half of
        return OccupationQuestion(tuple(m for _, m, _ in found), tuple(s for s, _, _ in found),
                                  all(one for _, _, one in found), describe or not (needs or pay), needs, pay)
    rest = tuple(w for w in words if w not in FRAME)
    near = [m for m in data.find(" ".join(rest)) if _who_said(m.occupation.title, rest)] if rest and not compare else []
    if not near:
        return None
    return OccupationQuestion((near[0],), (" ".join(rest),), True, describe or not (needs or pay), needs, pay,
                              tuple(m.occupation.title for m in near[1:]))


def _who_said(title: str, words: tuple[str, ...]) -> bool:
    """A near title stands for a question only when the question says whom the title names (its last
    word, or the last of each part joined by "and"): "which programming languages I need to know" is
    near Media Programming Directors, but says no director."""
    heads = [found[-1] for part in re.split(r"\band\b", title.split(",")[0]) if (found := name_words(part))]
    return any(w[:PREFIX] == head[:PREFIX] for head in heads for w in words)


def _possessed(question: str, word: str) -> bool:
    return bool(re.search(rf"\b(?:my|your|our|his|her|their)\s+{re.escape(word)}", question, re.I))


def _exact_titles(data: OccupationData, words: tuple[str, ...]) -> list[tuple[int, int, OnetMatch]]:
    """Word runs that are titles, longest first then leftmost, none overlapping; in question order."""
    found: list[tuple[int, int, OnetMatch]] = []
    for size in range(min(len(words), 14), 0, -1):
        for i in range(len(words) - size + 1):
            if any(i < b and a < i + size for a, b, _ in found):
                continue
            if match := data.exact(words[i:i + size]):
                found.append((i, i + size, match))
    return sorted(found, key=lambda f: f[0])


def onet_hit(profile: OccupationProfile, part: str) -> Hit:
    """One part of an occupation's O*NET data ("description", "Skill", …) as a citable source."""
    o = profile.occupation
    cited = profile.citation(part)
    text = o.description if part == "description" else profile.needs_text(part) or ""
    heading = "Description" if part == "description" else f"Most needed {KINDS[part]}"
    return Hit(section_id=f"onet:{o.code}#{part.lower()}", doc_id="onet", role=o.title, title=f"O*NET {cited['release']}",
               heading=f"{o.title} ({o.code}) › {heading}", source="O*NET", text=text, score=0.0, kind="onet",
               url=o.url, onet=cited)


def profile_lines(profile: OccupationProfile, asked: OccupationQuestion) -> list[Line]:
    """The description (when asked what the job is) and what it needs most, each cited."""
    lines: list[Line] = []
    unrated = not any(profile.needs.values())
    if asked.describe or asked.compares or (asked.needs and unrated):
        lines.append((profile.description_text(), (onet_hit(profile, "description"),)))
    kinds = list(KINDS) if asked.needs else ["Skill"] if asked.describe else []
    for kind in kinds:
        if text := profile.needs_text(kind):
            lines.append((text, (onet_hit(profile, kind),)))
    if kinds and unrated:
        lines.append((f"O*NET rates no skills, knowledge or abilities for {profile.occupation.title} in the data "
                      "we use.", ()))
    return lines


def pay_lines(wages: WageData, profile: OccupationProfile, place: str | None,
              place_asked: bool) -> tuple[list[Line], dict | None]:
    """The occupation's OEWS figures, nationally or in ``place``: by its SOC code, else within the
    broad group OEWS publishes it in; one line saying so when OEWS publishes neither."""
    o = profile.occupation
    code = wage_code(wages, o)
    if code is None:
        return [(f"BLS OEWS publishes no wages for {o.title} ({o.soc}).", ())], None
    lines, chart = salary.OfficialPay(wages.lookup(code, place), o.title, None, place_asked).block([])
    if code != o.soc:
        lines.insert(1, (f"OEWS publishes {o.title} ({o.soc}) only within {wages.occupation(code).title} ({code}).", ()))
    return lines, chart


def wage_code(wages: WageData, occupation: OnetOccupation) -> str | None:
    """The SOC code OEWS publishes the occupation's wages under: its own, else its broad group's."""
    return next((c for c in (occupation.soc, occupation.soc[:6] + "0") if wages.occupation(c)), None)


@dataclass(frozen=True)
class Lookup:
    """``advisor occupation`` and ``GET /api/occupations``: the best match, the others, its pay."""

    query: str
    profile: OccupationProfile
    others: tuple[OnetMatch, ...]
    wages: WageLookup | None

    def to_json(self) -> dict:
        return {"query": self.query, "occupation": self.profile.to_json(),
                "others": [{"code": m.occupation.code, "title": m.occupation.title} for m in self.others],
                "wages": self.wages.to_json() if self.wages else None}

    def to_text(self) -> str:
        others = f"\nalso close: {'; '.join(f'{m.occupation.title} ({m.occupation.code})' for m in self.others)}" \
            if self.others else ""
        pay = f"\n\n{self.wages.to_text()}" if self.wages and self.wages.ok else ""
        return f"{self.profile.to_text()}{others}{pay}\n\nOccupation data: {ATTRIBUTION}"


def lookup(data: OccupationData, wages: WageData | None, query: str, area: str | None = None) -> Lookup | None:
    found = data.find(query)
    if not found:
        return None
    profile = profile_of(data, found[0])
    code = wage_code(wages, profile.occupation) if wages else None
    return Lookup(query, profile, tuple(found[1:]), wages.lookup(code, area) if code else None)


def answer_lines(data: OccupationData, wages: WageData | None, asked: OccupationQuestion,
                 place: str | None, place_asked: bool, what: str | None = None) -> tuple[list[Line], dict | None]:
    """The whole rule-built answer: framing, each occupation's cited lines, its pay, the notes."""
    what = what or ("these occupations" if asked.compares else "this occupation")
    lines: list[Line] = [(INTRO.format(what=what), ())]
    first = asked.matches[0]
    if first.approximate:
        also = f" (also close: {', '.join(asked.others)})" if asked.others else ""
        lines.append((f"O*NET has no occupation called {asked.said[0]!r}; the closest is {first.occupation.title} "
                      f"({first.occupation.code}){also}.", ()))
    chart, rated = None, False
    for match in asked.matches:
        profile = profile_of(data, match)
        rated = rated or any(profile.needs.values())
        lines += [("", ())] if asked.compares else []
        lines += profile_lines(profile, asked)
        if wages is not None and (asked.pay or asked.describe or asked.compares):
            block, figures = pay_lines(wages, profile, place, place_asked)
            lines += block
            chart = chart or figures
    notes = [SCALE_NOTE] if rated and (asked.needs or asked.describe or asked.compares) else []  # of the ratings shown
    lines += [("", ()), *[(f"({note})", ()) for note in notes], (f"Occupation data: {ATTRIBUTION}", ())]
    return lines, chart


def other_side(data: OccupationData, wages: WageData | None, said: str, question: str) -> list[Line]:
    """The side of a comparison no guide covers ("… between a neural network engineer and a data
    scientist?"), from O*NET and OEWS, said to come from them: what it is, what it needs, what it pays.
    Without it the answer is the guide's side alone, and reads as if it compared."""
    found = data.find(said, limit=1)
    if not found:
        return []
    asked = OccupationQuestion(tuple(found), (said,), found[0].approximate, describe=True,
                               needs=bool(NEEDS.search(question)), pay=asks_pay(question))
    return answer_lines(data, wages, asked, None, False, what=f"{said}s" if not said.endswith("s") else said)[0]


def asks_what_it_is(question: str, role: str) -> bool:
    """The question asks what the role itself is ("what does a … do?", "what is a neural network
    engineer?", "describe the job"), not what something about it is ("what are the perks of this
    career?", "what's tricky about running models at scale?")."""
    name = r"[\s-]+".join(re.escape(w) for w in role.split())
    it = rf"(?:an?\s+|the\s+|this\s+|that\s+)?(?:{name}s?|job|role|career|position|occupation)\b"
    return bool(re.search(rf"{DOES}|{WHAT_IS}\s+{it}", question, re.I))


def role_line(data: OccupationData, role: str, question: str) -> Line | None:
    """For a guide's own role asked what it is: the one O*NET line beside the guide's answer, the
    description of the occupation the role is (or is closest to)."""
    if not asks_what_it_is(question, role) or NEEDS.search(question) or asks_pay(question):
        return None
    found = data.find(role, limit=1)
    if not found:
        return None
    profile = profile_of(data, found[0])
    o = profile.occupation
    lead = "The closest official U.S. occupation" if found[0].approximate else "The official U.S. occupation"
    return f"{lead}, {o.title} ({o.code}), in O*NET: {o.description}", (onet_hit(profile, "description"),)
