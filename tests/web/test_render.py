"""Chat HTML is built from escaped text only."""

from __future__ import annotations

from advisor.web.render import answer_html, body_html

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
