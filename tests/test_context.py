"""What the model reads, chosen from the gathered evidence on a real index of two guides: the
sections a question needs, not every neighbour retrieval found."""

import pytest

from advisor.chain import Advisor
from advisor.context import model_context, trim_hit
from advisor.providers.extractive import ExtractiveProvider
from advisor.types import Hit


@pytest.fixture(scope="module")
def advisor(two_guides_settings):
    return Advisor(two_guides_settings, provider=ExtractiveProvider())


def context(advisor, question):
    query = advisor.understand(question)
    evidence = advisor.gather(query)
    return model_context(query, evidence, advisor.settings), evidence


def test_a_question_about_one_level_reads_no_other_levels_band(advisor):
    chosen, evidence = context(advisor, "How much do entry-level neural network engineers make?")
    assert any("Mid-Level" in h.heading for h in evidence.hits)  # retrieval found the neighbours...
    headings = [h.heading for h in chosen]
    assert "Salary Ranges › Entry-Level" in headings
    assert not any("Mid-Level" in h or "Senior-Level" in h for h in headings)  # ...the model does not read them


def test_a_comparison_of_levels_reads_both_bands(advisor):
    chosen, _ = context(advisor, "How much more do senior neural network engineers make than mid-level ones?")
    headings = " ".join(h.heading for h in chosen)
    assert "Senior-Level" in headings and "Mid-Level" in headings


def test_a_broad_question_reads_the_outline_instead_of_its_subsections_again(advisor):
    chosen, evidence = context(advisor, "What are the main challenges neural network engineers face?")
    assert evidence.topic and evidence.topic in [h.section_id for h in chosen]
    under_topic = [h for h in chosen if h.section_id.startswith(evidence.topic + "/")]
    assert len(under_topic) <= 1  # the best-matching subsection may lead; the outline stands for the rest
    assert len([h for h in evidence.hits if h.section_id.startswith(evidence.topic + "/")]) > 1


def test_a_comparison_of_roles_reads_each_sides_best_sections(advisor):
    chosen, _ = context(advisor, "Compare the starting pay of neural network engineers and information "
                                 "security analysts")
    assert len({h.doc_id for h in chosen}) == 2


def test_trim_keeps_the_sentences_that_share_the_questions_words_in_their_order():
    text = "Intro sentence about the field.\n- Python is the main language.\n- Teams meet weekly.\n- SQL helps too."
    hit = Hit(section_id="g#s", doc_id="g", role="Engineer", title="G", heading="S", source="g.md", text=text,
              score=1.0)
    trimmed = trim_hit(hit, "Which language, Python or SQL?", 60).text
    assert "Python" in trimmed and "SQL" in trimmed and "weekly" not in trimmed
    assert trimmed.index("Python") < trimmed.index("SQL")
    assert trim_hit(hit, "anything", 1000) is hit
