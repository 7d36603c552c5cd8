"""O*NET occupations read from the two verified files: each occupation's official description, and
how much it needs each skill, knowledge area and ability compared with other occupations.

Titles are matched with the OEWS matcher (``advisor.oews.titles``) and the OEWS aliases
(``advisor.oews.names``), so "software engineer" is the same occupation in both; an O*NET-SOC code
("29-1141.00") starts with its OEWS SOC code ("29-1141").
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import OccupationDataError
from advisor.oews.names import ALIAS_KEYS, LONGEST_ALIAS_FIRST, MAX_TITLE_WORDS, contains, name_words
from advisor.oews.titles import TitleIndex
from advisor.onet.files import DESCRIPTIONS, FIX, IMPORTANCE, verified
from advisor.opened import OpenedOnce
from advisor.settings import Settings

SUMMARY_URL = "https://www.onetonline.org/link/summary/"
# the descriptions file does not state its release; see README "What we know of the release"
DESCRIPTIONS_RELEASE = "29.2 (inferred)"
IMPORTANCE_RELEASE = "30.2"
PUBLISHER = "O*NET, U.S. Department of Labor, Employment and Training Administration"
LICENSE = "CC BY 4.0"
ATTRIBUTION = (f"{PUBLISHER} (USDOL/ETA), used under the {LICENSE} license "
               "(https://creativecommons.org/licenses/by/4.0/); not endorsed by USDOL/ETA.")
KINDS = {"Skill": "skills", "Knowledge": "knowledge areas", "Ability": "abilities"}
ONET_CODE = re.compile(r"^(\d{2})-?(\d{4})(?:\.(\d{2}))?$")


@dataclass(frozen=True)
class OnetOccupation:
    code: str  # O*NET-SOC, "29-1141.00"
    title: str
    description: str

    @property
    def soc(self) -> str:
        """The SOC code OEWS uses: "29-1141"."""
        return self.code[:7]

    @property
    def url(self) -> str:
        return SUMMARY_URL + self.code


@dataclass(frozen=True)
class Need:
    kind: str  # "Skill", "Knowledge", "Ability"
    name: str  # "Active Listening"
    importance: float  # 0–1 across occupations: 1 = the occupation that needs it most


@dataclass(frozen=True)
class OnetMatch:
    occupation: OnetOccupation
    approximate: bool  # not the title itself: an alias that stands for it, or a near title


class OccupationData:
    """The O*NET occupations of one folder; read-only, thread-safe. Open it with ``open_occupations``."""

    def __init__(self, folder: Path) -> None:
        try:
            lines = verified(folder, DESCRIPTIONS).read_text(encoding="utf-8").splitlines()
            rows = [line.split("\t") for line in lines[1:] if line.strip()]
            self._by_code = {code: OnetOccupation(code, title, description) for code, title, description in rows}
            with gzip.open(verified(folder, IMPORTANCE), "rt", encoding="utf-8", newline="") as fh:
                table = list(csv.reader(io.StringIO(fh.read())))
        except (OSError, ValueError, EOFError) as exc:
            raise OccupationDataError(f"The O*NET files in {folder} cannot be read ({exc}). {FIX}") from exc
        by_title = {o.title: o.code for o in self._by_code.values()}
        columns = [tuple(c.split(":", 1)) for c in table[0][1:]]
        self._needs = {by_title[row[0]]: tuple(Need(kind, name, float(v)) for (kind, name), v in zip(columns, row[1:]))
                       for row in table[1:] if row[0] in by_title}
        # between equal matches: an occupation of its own before "All Other", the SOC's own before a specialty
        self.titles = TitleIndex({c: o.title for c, o in self._by_code.items()},
                                 {c: ("All Other" not in o.title) + c.endswith(".00") / 2 for c, o in self._by_code.items()})
        self._exact = {frozenset(words): code for code, words in self.titles.words.items()}
        self.occupations = tuple(self._by_code.values())

    def occupation(self, code: str) -> OnetOccupation | None:
        """By O*NET-SOC code ("29-1141.01"), or by SOC code ("29-1141": its ".00" occupation)."""
        m = ONET_CODE.match(code.strip())
        return self._by_code.get(f"{m[1]}-{m[2]}.{m[3] or '00'}") if m else None

    def find(self, query: str, limit: int = 3) -> list[OnetMatch]:
        """The occupations ``query`` names, best first: a code, the title itself, the OEWS alias of a
        common job title ("software engineer"), else the nearest titles (approximate)."""
        if by_code := self.occupation(query):
            return [OnetMatch(by_code, False)]
        words = name_words(query, query=True)[:MAX_TITLE_WORDS]
        found = self.titles.find(words, limit)
        if found and not found[0][2]:
            return [OnetMatch(self._by_code[found[0][0]], False)]
        alias = ALIAS_KEYS.get(words) or next((ALIAS_KEYS[k] for k in LONGEST_ALIAS_FIRST if contains(words, k)), None)
        if alias:
            codes, approximate = alias
            return [OnetMatch(o, approximate) for c in codes if (o := self.occupation(c))][:max(limit, 1)]
        return [OnetMatch(self._by_code[c], True) for c, _, _ in found]

    def exact(self, words: tuple[str, ...]) -> OnetMatch | None:
        """The occupation whose title (or a common job title standing for it) is exactly ``words``."""
        if code := self._exact.get(frozenset(words)):
            return OnetMatch(self._by_code[code], False)
        alias = ALIAS_KEYS.get(words)
        if alias and not alias[1] and len(alias[0]) == 1 and (found := self.occupation(alias[0][0])):
            return OnetMatch(found, False)
        return None

    def needs(self, occupation: OnetOccupation, kind: str, top: int = 5) -> list[Need]:
        """What the occupation needs most of one kind, compared with other occupations; [] when O*NET
        rates none for it (specialties and "All Other" occupations)."""
        ratings = [n for n in self._needs.get(occupation.code, ()) if n.kind == kind]
        return sorted(ratings, key=lambda n: (-n.importance, n.name))[:top]

    def rated(self, occupation: OnetOccupation) -> bool:
        return occupation.code in self._needs


_OPENED: OpenedOnce[OccupationData] = OpenedOnce()


def open_occupations(settings: Settings) -> OccupationData:
    """The O*NET occupations of ``settings.resolved_onet_dir``, read and verified once per process;
    a failure (``OccupationDataError``) is not remembered, so installing the files fixes it."""
    folder = settings.resolved_onet_dir
    return _OPENED.get(folder, lambda: OccupationData(folder))
