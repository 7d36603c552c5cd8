"""What an OEWS lookup returns: occupations, areas, the published figures of one occupation in
one area (``WageReport``), and a whole lookup (``WageLookup``) as JSON or a text table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
