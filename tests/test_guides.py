"""The catalog of indexed guides: role names, topic sections under other heading names, outlines."""

from advisor.guides import parent_id
from tests.test_query import ONE, TWO


def test_roles_are_matched_in_the_order_named_singular_or_plural():
    assert [g.doc_id for g in TWO.roles_in("security analysts earn more than NN engineers")] == ["isa", "nne"]
    assert TWO.roles_in("neural network engineering") == []  # another word, not the role
    assert TWO.role_names() == "Information Security Analyst and Neural Network Engineer"
    assert ONE.only.doc_id == "nne" and TWO.only is None


def test_a_topic_finds_each_guides_own_heading():
    assert [h.heading for h in TWO.topic_sections({"nne"}, ["challenges"])] == ["Common Challenges"]
    assert [h.heading for h in TWO.topic_sections({"isa"}, ["challenges"])] == ["Hard Parts of the Job"]
    # no top-level heading names education: the subsection that does
    assert [h.section_id for h in ONE.topic_sections({"nne"}, ["education"])] == ["nne#requirements/education"]
    assert TWO.topic_sections({"isa"}, ["education"]) == []


def test_an_outline_lists_every_subsection_with_its_first_sentence():
    outline = TWO.outline_hit("isa#hard-parts-of-the-job")
    assert outline.section_id == "isa#hard-parts-of-the-job" and outline.heading == "Hard Parts of the Job"
    assert outline.text.splitlines() == ["The work has hard parts.", "- Emergencies: Breaches happen at night.",
                                         "- Deadlines: Fixes are due fast."]
    assert TWO.outline_hit("nne#salary-ranges") is None  # one subsection is no outline
    assert [parent_id(h.section_id) for h in TWO.subsections("isa#hard-parts-of-the-job")] == [outline.section_id] * 2


def test_the_topic_of_hits_that_gather_under_one_section():
    hits = TWO.sections
    assert TWO.topic([h for h in hits if h.doc_id == "isa"][:4]) == "isa#hard-parts-of-the-job"
    assert TWO.topic(hits[:1]) is None
