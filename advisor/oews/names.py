"""The words of OEWS lookups: places people say, job titles BLS spells otherwise, and how a
title or a place is reduced to the words that are compared. States and places abroad live in
``advisor.vocabulary``; SOC codes in ``OCCUPATION_ALIASES`` are checked against the data by a test."""

from __future__ import annotations

import re

from advisor.bm25 import tokenize
from advisor.vocabulary import USPS, foreign_place

USPS_NAMES = {code.lower(): name for name, code in USPS.items()}
NATIONAL = {"", "national", "nationwide", "us", "usa", "u s", "u s a", "united states", "united states of america",
            "america", "the us", "the united states", "us national", "all us", "country"}
PLACE_ALIASES = {"nyc": "new york, ny", "new york city": "new york, ny", "sf": "san francisco",
                 "bay area": "san francisco", "sf bay area": "san francisco", "silicon valley": "san jose",
                 "washington dc": "washington, dc", "dc metro": "washington, dc", "saint louis": "st louis",
                 "twin cities": "minneapolis", "research triangle": "raleigh", "dfw": "dallas"}
CLOSEST_AI = ("15-1221", "15-2051")
# normalised title → (SOC codes, approximate?). Codes are checked against the database by a test.
OCCUPATION_ALIASES: dict[str, tuple[tuple[str, ...], bool]] = {
    **dict.fromkeys(["software engineer", "software developer", "software development engineer", "swe", "sde",
                     "application developer", "app developer", "backend developer", "backend engineer",
                     "back end developer", "back end engineer", "mobile developer", "ios developer",
                     "android developer", "game developer"], (("15-1252",), False)),
    **dict.fromkeys(["full stack developer", "full stack engineer", "fullstack developer"],
                    (("15-1252", "15-1254"), True)),
    **dict.fromkeys(["web developer", "frontend developer", "front end developer", "frontend engineer",
                     "front end engineer"], (("15-1254",), False)),
    **dict.fromkeys(["web designer", "ux designer", "ui designer", "ui ux designer",
                     "user experience designer"], (("15-1255",), False)),
    **dict.fromkeys(["qa engineer", "quality assurance engineer", "software tester", "test engineer", "sdet",
                     "test automation engineer", "qa analyst"], (("15-1253",), False)),
    **dict.fromkeys(["programmer", "computer programmer", "coder"], (("15-1251",), False)),
    "data scientist": (("15-2051",), False),
    **dict.fromkeys(["neural network engineer", "machine learning engineer", "ml engineer", "ai engineer",
                     "artificial intelligence engineer", "deep learning engineer", "computer vision engineer",
                     "nlp engineer", "llm engineer", "ai ml engineer", "machine learning scientist",
                     "ai specialist"], (CLOSEST_AI, True)),
    **dict.fromkeys(["computer scientist", "computer research scientist"], (("15-1221",), False)),
    **dict.fromkeys(["ai researcher", "research scientist", "machine learning researcher"], (("15-1221",), True)),
    "data analyst": (("15-2051", "15-1211"), True),
    "data engineer": (("15-1243", "15-1252"), True),
    **dict.fromkeys(["devops engineer", "site reliability engineer", "sre", "platform engineer",
                     "infrastructure engineer"], (("15-1244", "15-1252"), True)),
    **dict.fromkeys(["cloud engineer", "cloud architect"], (("15-1241", "15-1244"), True)),
    "solutions architect": (("15-1241", "15-1211"), True),
    **dict.fromkeys(["network engineer", "network architect"], (("15-1241",), False)),
    **dict.fromkeys(["system administrator", "systems administrator", "sysadmin", "network administrator"],
                    (("15-1244",), False)),
    **dict.fromkeys(["database administrator", "dba"], (("15-1242",), False)),
    **dict.fromkeys(["security engineer", "cybersecurity engineer", "security analyst", "cybersecurity analyst",
                     "cyber security analyst", "information security engineer", "penetration tester"],
                    (("15-1212",), False)),
    **dict.fromkeys(["it support", "help desk", "technical support", "desktop support"], (("15-1232",), False)),
    **dict.fromkeys(["systems analyst", "business systems analyst", "it analyst"], (("15-1211",), False)),
    **dict.fromkeys(["it manager", "it director", "cto"], (("11-3021",), False)),
    "engineering manager": (("11-3021", "11-9041"), True),
    "product manager": (("11-3021", "11-2021"), True),
    **dict.fromkeys(["project manager", "it project manager"], (("13-1082",), False)),
    **dict.fromkeys(["hardware engineer"], (("17-2061",), False)),
    **dict.fromkeys(["embedded engineer", "embedded software engineer", "firmware engineer"],
                    (("15-1252", "17-2061"), True)),
    "business analyst": (("13-1111",), True),
}
EXTRA_STOP = {"except", "all", "other", "including", "through"}  # "Kindergarten through Secondary"
QUERY_NOISE = {"senior", "sr", "junior", "jr", "lead", "principal", "staff", "entry", "level", "mid", "midlevel",
               "intern", "job", "role", "position", "career", "salary", "pay", "wage", "earning", "income"}
MAX_TITLE_WORDS = 12  # words of a job title compared fuzzily with every OEWS title (the longest has 11)
SOC_CODE = re.compile(r"^(\d{2})-?(\d{4})$")


def name_words(text: str, query: bool = False) -> tuple[str, ...]:
    toks = [t for t in tokenize(re.sub(r"[-/]", " ", text)) if t not in EXTRA_STOP]
    if query:
        toks = [t for t in toks if t not in QUERY_NOISE] or toks
    return tuple(toks)


def title_words(query: str) -> tuple[str, ...]:
    """A job title's words as lookups compare them: stemmed, without levels ("senior", "mid")."""
    return name_words(query, query=True)


ALIAS_KEYS = {name_words(k, query=True): v for k, v in OCCUPATION_ALIASES.items()}
LONGEST_ALIAS_FIRST = sorted(ALIAS_KEYS, key=len, reverse=True)


def place_key(place: str) -> str:
    """"The Greater Seattle area" → "seattle"; "Bay Area" → "san francisco"."""
    key = " ".join(re.sub(r"[^a-z0-9,]+", " ", place.lower().replace(".", "")).split()).strip(" ,")
    for strip in (r"^((the|greater) )+", r" (metro(politan)?( area)?|area)$"):
        if key in PLACE_ALIASES:
            return PLACE_ALIASES[key]
        key = re.sub(strip, "", key)
    return PLACE_ALIASES.get(key, key)


def is_foreign(place: str | None) -> bool:
    """True when ``place`` names somewhere outside the U.S. (a country, a region, a foreign city):
    "London", "Berlin, Germany", "India" are; "New Mexico", "Paris, TX" and "Vancouver, WA" are not."""
    return foreign_place(place) is not None


def contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[i:i + n] == phrase for i in range(len(words) - n + 1))


def metro_parts(name: str) -> tuple[set[str], set[str]]:
    """("Portland-Vancouver-Hillsboro, OR-WA") → ({"portland", "vancouver", "hillsboro"}, {"OR", "WA"})."""
    cities, _, states = name.rpartition(",")
    return ({place_key(c) for c in re.split(r"[-/]+", cities) if c.strip()},
            {s.strip() for s in states.split("-") if s.strip()})
