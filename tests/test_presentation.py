"""The View every surface draws: badge, lines with markers, sources, wage chart."""

from __future__ import annotations

from advisor.presentation import BOTH, QUESTION_BACK, REFUSED, present, wage_chart
from advisor.types import Answer, Citation

SECTION = Citation(n=1, section_id="doc#a", doc="doc", title="The Guide", heading_path="A › B",
                   source="knowledge/doc.md", quote="a   quote\nover lines")
OFFICIAL = Citation(n=2, section_id="oews#15-1221", doc="oews", title="BLS OEWS May 2024", heading_path="Wages › U.S.",
                    source="BLS OEWS May 2024", quote="median $140,910", kind="wages", url="https://www.bls.gov/oes/",
                    wages={"series": "OEUN000000000000015122113"})


def answer(text: str, citations: list[Citation], **extra) -> Answer:
    return Answer(answer=text, citations=citations, provider="p", model="m", **extra)


def test_markers_of_known_sources_are_parts_of_their_own_and_unknown_ones_stay_text():
    view = present(answer("Intro [1]\n\n- a claim [1]\n- another [3]", [SECTION]))
    assert [line.kind for line in view.lines] == ["text", "item", "item"]  # the blank line is not a line
    assert [(p.text, p.marker) for p in view.lines[1].parts] == [("a claim ", None), ("[1]", 1)]
    assert [(p.text, p.marker) for p in view.lines[2].parts] == [("another [3]", None)]


def test_badge_names_where_the_sources_come_from():
    assert present(answer("x [1]", [SECTION])).badge.text == "From the guides · 1 source"
    assert present(answer("x [1] [2]", [SECTION, OFFICIAL])).badge.text == f"{BOTH} · 2 sources"
    assert present(answer("x [2]", [OFFICIAL.model_copy(update={"n": 1})])).badge.text.startswith("From official")
    refused = present(answer("I don't know.", [], refused=True)).badge
    assert (refused.kind, refused.text) == ("refused", REFUSED)
    question = present(answer("Which role do you mean?", [])).badge
    assert (question.kind, question.text) == ("question", QUESTION_BACK)


def test_sources_carry_heading_origin_a_tidy_quote_and_the_official_link():
    guide, official = present(answer("x [1] [2]", [SECTION, OFFICIAL])).sources
    assert (guide.heading, guide.origin, guide.quote, guide.link) == ("A › B", "The Guide", "a quote over lines", None)
    assert official.origin == "BLS OEWS May 2024" and official.link.href == "https://www.bls.gov/oes/"
    assert "OEUN000000000000015122113" in official.link.text


def _report(area: str, kind: str, values: dict) -> dict:
    shown = {m: {"value": v, "display": f"${v:,.0f}" if v is not None else "≥ $239,200 (top-coded)"}
             for m, v in values.items()}
    return {"occupation": {"code": "29-1211", "title": "Anesthesiologists"}, "area": {"name": area, "kind": kind},
            "values": shown}


WAGES = {"reports": [_report("Austin, TX", "metro", {"annual_p10": 100000.0, "annual_p25": 150000.0,
                                                    "annual_median": 200000.0, "annual_p75": None, "annual_p90": None})],
         "national": [_report("National", "national", {"annual_p10": 50000.0, "annual_p25": 60000.0,
                                                      "annual_median": 70000.0, "annual_p75": 80000.0,
                                                      "annual_p90": 90000.0})],
         "citation": {"title": "BLS OEWS May 2025"},
         "guide_bands": [{"label": "senior-level", "low": 150000.0, "high": None}]}


def test_wage_chart_puts_every_row_on_one_scale_and_names_what_it_leaves_off():
    chart = wage_chart(WAGES)
    area, nation, band = chart.rows
    assert (chart.low, chart.high) == ("$50,000", "$200,000")
    assert area.median == 96.0 and nation.range.left == 4.0  # 200,000 → 96 %, 50,000 → 4 %
    assert area.box is None and "≥ $239,200 (top-coded)" in area.figures  # no 75th percentile: no box, named
    assert nation.box.left < nation.median < nation.box.left + nation.box.width
    assert band.guide and band.label == "Guide: senior-level band" and "open-ended above" in band.figures
    assert band.range.width == 0.8  # a point band is still drawn
    assert wage_chart({"reports": [], "national": [], "citation": {"title": "x"}}) is None


def test_a_refused_answer_draws_no_chart():
    assert present(answer("I don't know.", [], refused=True, wages=WAGES)).chart is None
    assert present(answer("pay [1]", [SECTION], wages=WAGES)).chart.title == "Annual wages · BLS OEWS May 2025"
