"""Official pay beside the guides' bands: which occupation and U.S. place a pay question means,
the BLS OEWS lines of the answer, each cited to its own wage table, and how a guide band compares.

The lines are built by rule from the OEWS database and the guide's own band text, never by the
model, so no figure in them can be invented. The guide's bands are national US figures, so they
are set against the national percentiles: entry level against the 10th–25th, mid level against
the 25th–75th, senior level against the 75th–90th (our reading, stated in the answer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from advisor.profile import band_for
from advisor.textmatch import GENERIC
from advisor.types import Hit, Profile
from advisor.vocabulary import LEVEL_PREFIX, ROLE_REFERENCE, asks_pay, levels_in
from advisor.oews.lookup import WageData
from advisor.oews.names import is_foreign, title_words
from advisor.oews.reports import WageLookup, WageReport

BAND_PERCENTILES = {"entry-level": ("annual_p10", "annual_p25"), "mid-level": ("annual_p25", "annual_p75"),
                    "senior-level": ("annual_p75", "annual_p90")}
ORDINAL = {"annual_p10": "10th", "annual_p25": "25th", "annual_median": "50th", "annual_p75": "75th",
           "annual_p90": "90th"}
WORD = r"[a-z][a-z+#/&'-]*"
PHRASE = rf"(?P<occ>{WORD}(?:\s+{WORD}){{0,5}}?)"
BOUNDARY = r"(?=\s+(?:in|around|near|across|at|with|compared|versus|vs|nationally|today|now)\b|\s*[?.!,;]|\s*$)"
OCCUPATION_PATTERNS = [
    re.compile(rf"\b(?:do|does|did|would|will|can|could)\s+(?:an?\s+|the\s+|most\s+)?{PHRASE}\s+"
               rf"(?:typically\s+|usually\s+|generally\s+|really\s+)?(?:earn|make|get paid|take home|bring in)\b"),
    re.compile(rf"\b(?:salary|salaries|pay|wages?|income|compensation|earnings)\s+(?:of|for)\s+(?:an?\s+|the\s+)?"
               rf"{PHRASE}{BOUNDARY}"),
    re.compile(rf"\bas\s+(?:an?\s+|the\s+){PHRASE}{BOUNDARY}"),
    re.compile(rf"\b(?:are|is)\s+(?:an?\s+|the\s+)?{PHRASE}\s+paid\b"),
    re.compile(rf"{PHRASE}\s+(?:salary|salaries|pay|wages?|earnings)\b"),
]
# words before a job name that are not part of it: levels ("early-career"), question words, articles
LEAD_NOISE = re.compile(rf"^(?:(?:{LEVEL_PREFIX}|level|career|what|whats|what's|is|are|the|a|an|average|typical|"
                        r"median|mean|annual|yearly|how|much|do|does|of|for|their|our|my|your)(?:\s+|$))+")
COMPARE = re.compile(r"\b(?:compar\w*|differ\w*|versus|vs|against|official|oews|bls)\b", re.I)
PLACE_START = re.compile(r"\b(?:in|around|near|across|within)\s+", re.I)
MAX_PLACE_WORDS = 6
MAX_PARSE_CHARS = 500  # of a question read for its occupation and place (real ones are < 200)
MAX_CANDIDATES = 4  # phrases looked up in OEWS, each way: a question names one or two; a crafted one, hundreds
NATIONAL_WORDS = re.compile(r"\b(?:nationally|nationwide|national|across the (?:us|u\.s\.|country))\b", re.I)
BAND_FIGURES = re.compile(r"\$([\d,]+)(\+)?(?:\s*(?:to|–|-)\s*\$([\d,]+))?")
HEADER = "Official U.S. figures"  # starts the rule-built block of an answer
OUTSIDE_US = ("I don't know what that pays outside the United States: my guides' salary figures and the official "
              "wage data I use (BLS OEWS) cover the U.S. only, so there are no figures for {place}.")


META = re.compile(r"\b(?:the\s+)?(?:official|government|oews|bls)(?:\s+(?:u\.?s\.?\s+)?(?:data|figures|statistics|"
                  r"numbers|wages?|pay))?\b|\b(?:the\s+)?guides?'?s?\b|\bcompared?\s+(?:with|to|against)\b", re.I)


def search_text(question: str) -> str:
    """A pay question without its words about the sources ("the guide's", "official data"), which
    match no section, plus "salary": what retrieval and the evidence check should see."""
    if not asks_pay(question) or not META.search(question):
        return question
    return " ".join(META.sub(" ", question).split()) + " salary"


def level_asked(question: str) -> str | None:
    """The guide band a question names ("mid-level engineers") or None."""
    return next(iter(levels_in(question)), None)


def occupation_phrase(data: WageData, question: str) -> str | None:
    """The occupation a pay question names, as asked ("data scientists"), when OEWS knows it."""
    text = " ".join(question[:MAX_PARSE_CHARS].lower().replace("’", "'").split())
    phrases = (m for pattern in OCCUPATION_PATTERNS for m in pattern.finditer(text))  # in the patterns' order
    for m in islice(phrases, MAX_CANDIDATES):
        words = LEAD_NOISE.sub("", " ".join(m.group("occ").split())).split()
        if ROLE_REFERENCE.fullmatch(" ".join(words)) or ROLE_REFERENCE.fullmatch("the " + " ".join(words)):
            continue  # "this job", "the role": the job meant, not one BLS names
        if found := _known_suffix(data, words):
            return found
    return None


def _known_suffix(data: WageData, words: list[str]) -> str | None:
    """The longest tail of ``words`` OEWS knows ("neural network engineers", not "network engineers"),
    without words at either end that no title has (or only as a generic "job") while the occupations
    found stay the same ("data scientist's", not "job compare with a data scientist's"; "data
    scientists", not "data scientists compare on")."""
    tails = [" ".join(words[i:]) for i in range(len(words))]
    start, found = next(((i, f) for i, tail in enumerate(tails) if (f := data.find_occupations(tail))), (None, None))
    if start is None:
        return None
    codes = [m.occupation.code for m in found]
    kept = words[start:]

    def same_without(i: int) -> bool:
        rest = kept[1:] if i == 0 else kept[:-1]
        return (len(kept) > 1 and not (set(title_words(kept[i])) - GENERIC) & data.titles.vocabulary
                and [m.occupation.code for m in data.find_occupations(" ".join(rest))] == codes)

    for end in (0, -1):  # leading words first, then trailing ones
        while same_without(end):
            kept.pop(end)
    return " ".join(kept)


def place_in(data: WageData, question: str) -> str | None:
    """The U.S. or foreign place a question names after "in", "around", … (longest match), or None."""
    if NATIONAL_WORDS.search(question):
        return "national"
    question = question[:MAX_PARSE_CHARS]
    for m in islice(PLACE_START.finditer(question), MAX_CANDIDATES):
        words = re.split(r"\s+", question[m.end():].strip())[:MAX_PLACE_WORDS]
        for n in range(len(words), 0, -1):
            place = " ".join(words[:n]).strip(" ?.!;:'\"")
            if place and (is_foreign(place) or data.find_areas(place)):
                return place
    return None


Line = tuple[str, tuple[Hit, ...]]  # text and the sources it is cited to (none: a framing line)


@dataclass(frozen=True)
class OfficialPay:
    """The OEWS lookup for a pay question and whether the question itself named the occupation."""

    lookup: WageLookup
    named: str | None  # the occupation as the question put it, or None when it is the guides' role
    level: str | None  # the guide band the question (or the profile) is about
    place_asked: bool = False  # the place came from the question, not from the profile

    @property
    def abroad(self) -> str | None:
        """The place outside the U.S. the question asked about (a profile's doesn't count)."""
        return self.lookup.place if self.place_asked and self.lookup.status == "outside_us" else None

    def bands_wanted(self, question: str) -> list[str]:
        """Guide bands to set against the official figures: the one asked about, or all three when
        the question asks for a comparison without naming one."""
        if self.level:
            return [self.level]
        return list(BAND_PERCENTILES) if COMPARE.search(question) else []

    def block(self, bands: list[tuple[str, Hit]], guide_year: str = "",
              guide_period: str = "") -> tuple[list[Line], dict | None]:
        """The answer's official-data lines and the chart figures; ``bands`` are (slug, guide section)
        from a guide whose pay figures are for ``guide_year`` (``guide_period``: "US 2024").
        When nothing matched (a profile location BLS doesn't know), one line says why, and no chart."""
        lookup = self.lookup
        if not lookup.ok:
            return [(lookup.note, ())], None
        chart = lookup.to_json()
        lines: list[Line] = [(f"{HEADER} ({lookup.citation['title']}):", ())]
        if lookup.note:
            lines.append((lookup.note, ()))
        hits = {r.series: report_hit(r, lookup.citation) for r in (*lookup.reports, *lookup.national) if r.published}
        lines += [(hit.text, (hit,)) for hit in hits.values()]
        chart["guide_bands"] = []
        # the guide's bands are national: set them against the first occupation's national figures
        first = (lookup.national or lookup.reports)[0] if lookup.reports else None
        for slug, section in bands:
            figures = band_figures(section.text)
            if not (figures and first and first.published
                    and (line := comparison_line(slug, figures, first, guide_period))):
                continue
            lines.append((line, (section, hits[first.series])))
            chart["guide_bands"].append({"label": slug, "low": figures[0], "high": figures[1],
                                         "section_id": section.section_id})
        if chart["guide_bands"]:
            years = (f"; the guide's figures are for {guide_year}, the official ones for {lookup.citation['release']}"
                     if guide_year else f"; the official figures are for {lookup.citation['release']}")
            lines.append(("(Career Advisor sets the guide's entry band against the 10th–25th percentiles, mid "
                          f"against the 25th–75th and senior against the 75th–90th{years}.)", ()))
        return lines, chart


def plan(data: WageData, question: str, standalone: str, role: str | None,
         profile: Profile | None, other_roles: tuple[str, ...] = ()) -> OfficialPay | None:
    """What to look up for a pay question: the occupation it names (else ``role``, the guides'),
    in the place it names (else the profile's location, else the nation). The question comes
    first, then the turn it follows up (``standalone``), then the profile. A guide's role other than
    ``role`` (``other_roles``) named by the turn before is not this turn's: "ok and the cybersecurity
    one?" after an engineer's pay looks up the analysts."""
    named = occupation_phrase(data, question) or occupation_phrase(data, standalone)
    if named and role and (_generic(named, role) or any(_same_title(named, other) for other in other_roles)):
        named = None  # "mid-level engineers" in a guide about Neural Network Engineers: the guide's role
    occupation = named or role
    if not occupation:
        return None
    asked = place_in(data, question) or place_in(data, standalone)
    place = asked or (profile.location if profile else None)
    level = level_asked(question) or level_asked(standalone)
    if level is None and profile and profile.years_experience is not None:
        level = band_for(profile.years_experience)
    return OfficialPay(data.lookup(occupation, place), named, level, asked is not None)


def _same_title(named: str, role: str) -> bool:
    """The occupation as asked is the role, singular or plural ("neural network engineers")."""
    return named.lower().rstrip("s") == role.lower().rstrip("s")


def _generic(named: str, role: str) -> bool:
    """One word of the role's own title ("engineers" for Neural Network Engineer), not a job of its own."""
    words = set(title_words(named))
    return len(words) == 1 and words <= set(title_words(role))


def report_hit(report: WageReport, citation: dict) -> Hit:
    """One OEWS table (occupation × area) as a citable source."""
    where = "United States" if report.area.kind == "national" else report.area.name
    occupation = f"{report.occupation.title} ({report.occupation.code})"
    return Hit(section_id=f"oews:{report.series}", doc_id="bls-oews", role=report.occupation.title,
               title=report.source, heading=f"{occupation} › {where} › annual wages", source=report.source,
               text=report.summary(), score=0.0, kind="wages", url=citation["url"],
               wages={"occupation_code": report.occupation.code, "occupation_title": report.occupation.title,
                      "area": report.area.name, "area_code": report.area.code, "area_kind": report.area.kind,
                      "measure": "annual wage percentiles (10th, 25th, median, 75th, 90th)",
                      "series": report.series, "release": report.release})


def band_figures(text: str) -> tuple[float, float | None] | None:
    """(low, high) of a guide band ("$70,000 to $100,000"); high is None for "$150,000+"."""
    m = BAND_FIGURES.search(text)
    if not m or not (m.group(2) or m.group(3)):
        return None  # one figure ("less than $69,660") is no band
    low = float(m.group(1).replace(",", ""))
    return low, (float(m.group(3).replace(",", "")) if m.group(3) and not m.group(2) else None)


def comparison_line(slug: str, band: tuple[float, float | None], report: WageReport,
                    period: str = "") -> str | None:
    """How a guide band sits against the official percentiles we set it against, in words."""
    low_key, high_key = BAND_PERCENTILES[slug]
    low, high = report.value(low_key), report.value(high_key)
    if not low or low.value is None:
        return None
    span = f"${band[0]:,.0f} to ${band[1]:,.0f}" if band[1] else f"${band[0]:,.0f} and up"
    official = f"{low.display()} to {high.display()}" if high else low.display()
    parts = [f"starts {_gap(band[0], low.value)} the {ORDINAL[low_key]} percentile"]
    if band[1] and high and high.value is not None:
        parts.append(f"ends {_gap(band[1], high.value)} the {ORDINAL[high_key]}")
    return (f"The guide's {slug} band ({span}{', ' + period if period else ''}) against the official {ORDINAL[low_key]} to "
            f"{ORDINAL[high_key]} percentiles for {report.occupation.title} nationally ({official}): the guide's "
            f"band {' and '.join(parts)}.")


def _gap(guide: float, official: float) -> str:
    if abs(guide - official) < 500:
        return "at"
    return f"${abs(guide - official):,.0f} {'below' if guide < official else 'above'}"
