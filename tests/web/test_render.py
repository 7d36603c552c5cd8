"""The chat page draws an answer's View from escaped text only."""

from __future__ import annotations

from advisor.presentation import lines
from advisor.types import Answer, Citation
from advisor.web.render import answer_html, chart_html, lines_html, pending_html
from tests.test_presentation import WAGES

EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
CITATION = Citation(n=1, section_id="doc#a", doc="doc", title=f"Guide {EVIL}", heading_path=f"A › {EVIL}",
                    source="knowledge/doc.md", quote=f"quote {EVIL}")


def view(text: str, citations: list[Citation] | None = None, **extra):
    return Answer(answer=text, citations=citations or [], provider="p", model="m", **extra).view


def test_everything_untrusted_is_escaped():
    html = answer_html(view(f"- claim {EVIL} [1]", [CITATION], notice=EVIL), uid="u1",
                       sections={"doc#a": f"section {EVIL}"})
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") == 6  # answer, notice, heading, title, quote, section


def test_markers_link_to_their_sources_and_no_blank_lines():
    html = answer_html(view("Intro line\n\n- a claim [1]\n- another [2]", [CITATION]), uid="u1")
    assert '<a class="adv-marker" href="#adv-u1-1"' in html and 'id="adv-u1-1"' in html
    assert "[2]" in html and 'href="#adv-u1-2"' not in html  # no source 2, so no link
    assert "\n" not in html


def test_each_kind_of_answer_has_its_look():
    assert "adv-refused" in answer_html(view("I don't know.", refused=True), uid="x")
    assert "Not in my guides" in answer_html(view("I don't know.", refused=True), uid="x")
    assert "adv-pending" in pending_html("")
    assert "adv-cited" in answer_html(view("- a [1]", [CITATION]), uid="x")
    question = answer_html(view("My guides cover A and B. Which role do you mean?"), uid="q")
    assert "adv-question" in question and "source" not in question.lower()


def test_lists_and_paragraphs():
    assert lines_html(lines("Para\n- one\n- two\nEnd")) == "<p>Para</p><ul><li>one</li><li>two</li></ul><p>End</p>"


def test_wage_chart_draws_the_rows_where_the_view_placed_them_and_escapes_labels():
    evil = {**WAGES, "citation": {"title": f"OEWS {EVIL}"}}
    chart = view("pay [1]", [CITATION], wages=evil).chart
    html = chart_html(chart)
    assert "<script" not in html and "OEWS &lt;img" in html
    assert html.count('class="adv-box"') == 1  # the area row has no box
    assert f'class="adv-median" style="left:{chart.rows[0].median}%"' in html
    assert html.count('class="adv-chart-row"') == len(chart.rows) == 3
    assert "Guide: senior-level band" in html and "open-ended above" in html
