"""Chat HTML is built from escaped text only."""

from __future__ import annotations

from advisor.web import render
from advisor.web.render import answer_html, body_html, wage_chart_html

EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
CITATION = {"n": 1, "section_id": "doc#a", "doc": "doc", "title": f"Guide {EVIL}",
            "heading_path": f"A › {EVIL}", "quote": f"quote {EVIL}"}


def test_everything_untrusted_is_escaped():
    html = answer_html(f"- claim {EVIL} [1]", uid="u1", citations=[CITATION], notice=EVIL,
                       sections={"doc#a": f"section {EVIL}"})
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") == 6  # answer, notice, heading, title, quote, section


def test_markers_link_to_their_sources_and_no_blank_lines():
    html = answer_html("Intro line\n\n- a claim [1]\n- another [2]", uid="u1", citations=[CITATION])
    assert '<a class="adv-marker" href="#adv-u1-1"' in html and 'id="adv-u1-1"' in html
    assert "[2]" in html and 'href="#adv-u1-2"' not in html  # no source 2, so no link
    assert "\n" not in html


def test_refused_and_pending_look_different():
    assert "adv-refused" in answer_html("I don't know.", uid="x", refused=True)
    assert "Not in my guides" in answer_html("I don't know.", uid="x", refused=True)
    assert "adv-pending" in answer_html("", uid="x", pending=True)
    assert "adv-cited" in answer_html("- a [1]", uid="x", citations=[CITATION])


def test_lists_and_paragraphs():
    assert body_html("Para\n- one\n- two\nEnd") == "<p>Para</p><ul><li>one</li><li>two</li></ul><p>End</p>"


def _report(area: str, kind: str, values: dict) -> dict:
    shown = {m: {"value": v, "display": f"${v:,.0f}" if v is not None else "≥ $239,200 (top-coded)"}
             for m, v in values.items()}
    return {"occupation": {"code": "29-1211", "title": "Anesthesiologists <b>"}, "area": {"name": area, "kind": kind},
            "values": shown}


def test_wage_chart_leaves_top_coded_values_off_the_bar_and_escapes_labels():
    area = _report("Austin-Round Rock-San Marcos, TX", "metro", {"annual_p10": 100000.0, "annual_p25": 150000.0,
                                                                "annual_median": 200000.0, "annual_p75": None,
                                                                "annual_p90": None})
    nation = _report("National", "national", {"annual_p10": 50000.0, "annual_p25": 60000.0, "annual_median": 70000.0,
                                               "annual_p75": 80000.0, "annual_p90": 90000.0})
    html = wage_chart_html({"reports": [area], "national": [nation], "citation": {"title": "BLS OEWS May 2025"},
                            "guide_bands": [{"label": "senior-level", "low": 150000.0, "high": None}]})
    assert "<b>" not in html and "Anesthesiologists &lt;b&gt;" in html
    assert "≥ $239,200 (top-coded)" in html  # named, not drawn
    assert html.count('class="adv-box"') == 1  # the area has no 75th percentile: no box
    # one scale from the lowest (50,000 → 4 %) to the highest known figure (200,000 → 96 %)
    assert 'class="adv-median" style="left:96.0%"' in html and "left:4.0%" in html
    assert "Guide: senior-level band" in html and "open-ended above" in html
    assert wage_chart_html({"reports": [], "national": [], "citation": {"title": "x"}}) == ""


def test_an_answer_with_nothing_to_cite_is_a_question_back_not_a_sourced_answer():
    html = answer_html("My guides cover A and B. Which role do you mean?", uid="q", citations=[])
    assert render.QUESTION_BADGE in html and "source" not in html.lower()
