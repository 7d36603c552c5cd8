"""Read-only OEWS lookups: an occupation by code or title, a U.S. area by name, and the figures of
one in the other (``WageData.lookup``), nationally beside."""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

from advisor.errors import WageDataError
from advisor.oews import notes
from advisor.oews.notes import REINSTALL
from advisor.oews.names import (ALIAS_KEYS, LONGEST_ALIAS_FIRST, MAX_TITLE_WORDS, NATIONAL, SOC_CODE, USPS_NAMES, contains,
                                is_foreign, metro_parts, name_words, place_key)
from advisor.oews.titles import TitleIndex
from advisor.oews.reports import (ALL_INDUSTRIES, AREA_LETTER, AREA_TYPE, MEASURES, TABLES_URL, Area, Occupation,
                                  OccupationMatch, Status, WageLookup, WageReport, WageValue)
from advisor.vocabulary import USPS


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
            self._by_name.setdefault(place_key(area.name), []).append(area)
        self._metros = sorted(((a, *metro_parts(a.name)) for a in self._areas if a.kind == "metro"),
                              key=lambda m: -metro_jobs.get(m[0].code, 0.0))  # larger metros first
        # a city → its metros, and a town's first or last words ("fort" of "fort worth") → theirs: a
        # lookup is then one dict read, not a scan of every town (a crafted question tries dozens)
        self._by_town: dict[str, list[int]] = {}
        self._by_town_edge: dict[str, list[int]] = {}
        for i, (_, towns, _) in enumerate(self._metros):
            for town in towns:
                words = town.split()
                _add_once(self._by_town, town, i)
                for n in range(1, len(words)):
                    _add_once(self._by_town_edge, " ".join(words[:n]), i)
                    _add_once(self._by_town_edge, " ".join(words[n:]), i)
        self.titles = TitleIndex({c: o.title for c, o in self._occupations.items()},
                                 {c: self._national_jobs.get(c.replace("-", ""), 0.0) for c in self._occupations})

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
        words = name_words(query, query=True)[:MAX_TITLE_WORDS]
        if not words:
            return []
        alias = ALIAS_KEYS.get(words) or next((ALIAS_KEYS[k] for k in LONGEST_ALIAS_FIRST if contains(words, k)), None)
        if alias:
            codes, approximate = alias
            return [OccupationMatch(self.occupation(c), approximate, 1.0) for c in codes][:max(limit, 1)]
        return [OccupationMatch(self._occupations[c], approximate, score)
                for c, score, approximate in self.titles.find(words, limit)]

    # areas
    def find_areas(self, place: str | None, cities: bool = True) -> list[Area]:
        """U.S. areas that ``place`` names, best first: national, a state (name or USPS code), an area's
        full name, or a metro by one of its cities ("Seattle", "Portland, OR"); larger metros first.
        ``cities=False`` leaves out a bare city name (without its state)."""
        key = place_key(place or "")
        if key in NATIONAL:
            return [self.national]
        if by_name := self._by_name.get(USPS_NAMES.get(key, key)):  # a state, its code, any full area name
            return by_name
        city, _, state = (s.strip() for s in key.partition(","))
        state = USPS.get(state, state.upper())
        if (state and state not in USPS.values()) or not (state or cities):
            return []
        for index in (self._by_town, self._by_town_edge):  # a town itself, else "Honolulu" → Urban Honolulu
            found = [a for a, _, states in (self._metros[i] for i in index.get(city, ())) if not state or state in states]
            if found:
                return found
        return []

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
            return refuse("outside_us", notes.outside_us(place))
        areas = strict or self.find_areas(place)
        if not areas:
            return refuse("no_area", notes.no_area(place))
        matches = self.find_occupations(occupation, limit)
        if not matches:
            return refuse("no_occupation", notes.no_occupation(occupation))
        area, approximate = areas[0], any(m.approximate for m in matches)
        said = [notes.occupation(occupation, matches)]
        if len(areas) > 1:
            said.append(notes.other_areas(place, areas))
        reports = tuple(self.report(m.occupation, area, m.approximate, said[0]) for m in matches)
        national = tuple(self.report(m.occupation, self.national, m.approximate, said[0]) for m in matches) \
            if area.kind != "national" else ()
        said += [notes.unpublished(r) for r in reports if not r.published]
        return WageLookup("ok", occupation, place, " ".join(n for n in said if n), self.citation, area,
                          reports, national, approximate)


def _add_once(index: dict[str, list[int]], key: str, position: int) -> None:
    """Note ``position`` under ``key`` once, in the order seen (the metros' size order)."""
    positions = index.setdefault(key, [])
    if not positions or positions[-1] != position:
        positions.append(position)
