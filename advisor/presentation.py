"""What an answer looks like, built once on the server: every surface only draws it.

The chat page (``web/render.py``), the widget (``embed.js``), the CLI and ``/v1`` used to work
out the badge, the sources list, the links behind the ``[n]`` markers and the wage chart each
on their own, and drifted apart. ``present`` turns an ``Answer`` into a ``View`` — plain text and
numbers, nothing to escape twice — that the answer carries to all of them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from advisor.oews.reports import PERCENTILES
from advisor.textmatch import content_tokens, sentence_sharing_most

if TYPE_CHECKING:  # advisor.types holds the View an Answer carries
    from advisor.types import Answer, Citation, Hit

CITED = re.compile(r"\[(\d+)\]")  # a marker as the citation checker writes it
PENDING = "Looking in the guides…"
REFUSED = "Not in my guides"
QUESTION_BACK = "A question back"  # an answer with nothing to cite: which role do you mean?
ORIGINS = {"section": "From the guides", "wages": "From official wage data", "onet": "From O*NET occupation data"}
NAMES = {"section": "the guides", "onet": "O*NET occupation data", "wages": "official wage data"}  # in this order
BOTH = "From the guides and official wage data"
LEGEND = "line: 10th–90th percentile · box: 25th–75th · mark: median"
SHOWN_SOURCES = 3  # sources shown at once; the rest behind a "more" toggle, so the answer's first line stays in view


class Part(BaseModel):
    """A run of text, or the marker of source ``marker`` (drawn as a link to that source)."""

    text: str
    marker: int | None = None


class Line(BaseModel):
    kind: Literal["item", "text"] = Field(description="a list item (a '- ' line) or a paragraph")
    parts: list[Part]


class Badge(BaseModel):
    kind: Literal["cited", "refused", "question"]
    text: str


class Link(BaseModel):
    href: str
    text: str


class Source(BaseModel):
    """One entry of the sources list: the section (or official table) a marker points to."""

    n: int
    section_id: str
    kind: Literal["section", "wages", "onet"]
    heading: str
    origin: str = Field(description="the guide's title, or the official source")
    quote: str
    link: Link | None = Field(None, description="the official tables; a guide section is shown whole on request")


class Bar(BaseModel):
    left: float  # percent of the track
    width: float


class ChartRow(BaseModel):
    label: str
    figures: str = Field(description="'median $X', or the known figures; then any note")
    guide: bool = Field(description="a guide's band, not official figures")
    range: Bar | None = None  # 10th to 90th percentile (or the band)
    box: Bar | None = None  # 25th to 75th percentile
    median: float | None = None  # percent of the track


class Chart(BaseModel):
    title: str
    rows: list[ChartRow]
    low: str
    high: str
    legend: str = LEGEND


class View(BaseModel):
    badge: Badge
    lines: list[Line]
    chart: Chart | None = None
    notice: str | None = None
    sources: list[Source] = Field(default_factory=list)


def present(answer: Answer) -> View:
    """The answer as every surface shows it."""
    known = {c.n for c in answer.citations}
    chart = wage_chart(answer.wages) if answer.wages and not answer.refused else None
    return View(badge=badge(answer.citations, answer.refused), lines=lines(answer.answer, known), chart=chart,
                notice=answer.notice, sources=[source(c) for c in answer.citations])


def preview(hits: list[Hit], question: str) -> list[dict]:
    """The sources an answer is being made from, as the ``sources`` event sends them (before the
    model speaks): each retrieved section with the sentence that best matches the question, so a
    surface can show what is being read at once."""
    asked = content_tokens(question)
    return [{**h.model_dump(), "quote": " ".join(sentence_sharing_most(h.text, asked).split())} for h in hits]


def badge(citations: list[Citation], refused: bool) -> Badge:
    if refused:
        return Badge(kind="refused", text=REFUSED)
    if not citations:
        return Badge(kind="question", text=QUESTION_BACK)
    kinds = {c.kind for c in citations}
    named = [name for kind, name in NAMES.items() if kind in kinds]
    where = ORIGINS[kinds.pop()] if len(kinds) == 1 else f"From {', '.join(named[:-1])} and {named[-1]}"
    count = len(citations)
    return Badge(kind="cited", text=f"{where} · {count} source{'s' if count != 1 else ''}")


def lines(text: str, known: set[int] | None = None) -> list[Line]:
    """'- ' lines are list items, other lines paragraphs; a marker of a known source is a ``Part``
    of its own (one with no source stays text)."""
    known = known or set()
    out = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        kind = "item" if line.startswith("- ") else "text"
        out.append(Line(kind=kind, parts=parts(line[2:] if kind == "item" else line, known)))
    return out


def parts(line: str, known: set[int]) -> list[Part]:
    out, last = [], 0
    for m in CITED.finditer(line):
        if int(m.group(1)) not in known:
            continue
        if m.start() > last:
            out.append(Part(text=line[last:m.start()]))
        out.append(Part(text=m.group(0), marker=int(m.group(1))))
        last = m.end()
    if last < len(line):
        out.append(Part(text=line[last:]))
    return out


def source(c: Citation) -> Source:
    link, origin = None, c.title
    if c.kind == "wages":
        link = Link(href=c.url, text=f"BLS OEWS tables (series {c.wages['series']})") if c.url else None
        origin = c.source
    elif c.kind == "onet" and c.onet:
        link = Link(href=c.onet["url"], text=f"O*NET OnLine: {c.onet['title']} ({c.onet['code']})")
        origin = f"O*NET {c.onet['release']} · USDOL/ETA, {c.onet['license']}"
    return Source(n=c.n, section_id=c.section_id, kind=c.kind, heading=c.heading_path, origin=origin,
                  quote=" ".join(c.quote.split()), link=link)


def wage_chart(wages: dict) -> Chart | None:
    """Percentile wages as range bars on one scale: each occupation in the asked area and
    nationally, and the guide bands they were set against. A suppressed or top-coded percentile
    is left off the bar and named in the row's figures."""
    rows = chart_rows(wages)
    figures = [v for _, values, _, _ in rows for v in values.values() if v is not None]
    if not figures:
        return None
    low, high = min(figures), max(figures)
    span = (high - low) or 1.0

    def pos(value: float) -> float:
        return round(4 + 92 * (value - low) / span, 2)

    def bar(start: float, end: float) -> Bar:
        return Bar(left=pos(start), width=max(round(pos(end) - pos(start), 2), 0.8))

    drawn = []
    for label, values, note, guide in rows:
        shown = [values[m] for m in PERCENTILES if values.get(m) is not None]
        median, p25, p75 = values.get("annual_median"), values.get("annual_p25"), values.get("annual_p75")
        text = f"median {dollars(median)}" if median is not None else " to ".join(dict.fromkeys(map(dollars, shown)))
        drawn.append(ChartRow(label=label, figures=text + (f" · {note}" if note else ""), guide=guide,
                              range=bar(min(shown), max(shown)) if shown else None,
                              box=bar(p25, p75) if p25 is not None and p75 is not None else None,
                              median=pos(median) if median is not None else None))
    return Chart(title=f"Annual wages · {wages['citation']['title']}", rows=drawn, low=dollars(low), high=dollars(high))


def chart_rows(wages: dict) -> list[tuple[str, dict[str, float | None], str, bool]]:
    """(label, {percentile: value}, note, is a guide band) per row."""
    rows = []
    for i, report in enumerate(wages.get("reports", [])):
        for r in [report] + wages.get("national", [])[i:i + 1]:
            shown = {m: r["values"][m] for m in PERCENTILES if m in r["values"]}
            missing = [v["display"] for v in shown.values() if v["value"] is None]
            where = "U.S." if r["area"]["kind"] == "national" else r["area"]["name"]
            rows.append((f'{r["occupation"]["title"]} · {where}', {m: v["value"] for m, v in shown.items()},
                         "; ".join(dict.fromkeys(missing)), False))
    for band in wages.get("guide_bands", []):
        values = {"annual_p10": band["low"], "annual_p90": band["high"] or band["low"]}
        rows.append((f'Guide: {band["label"]} band', values, "" if band["high"] else "open-ended above", True))
    return rows


def dollars(value: float) -> str:
    return f"${value:,.0f}"
