"""The small text tools verification and extraction share: sentences, content words, figures, names."""

from advisor.textmatch import best_sentence, content_tokens, coverage, names, numbers, role_words, sentences
from advisor.types import Hit


def test_bullets_and_lines_are_units_and_long_lines_split_into_sentences():
    text = "First point. Second point!\n- a bullet item\n\n* another. With two"
    assert sentences(text) == ["First point.", "Second point!", "a bullet item", "another.", "With two"]


def test_figures_are_normalised_and_lone_digits_are_not_figures():
    assert numbers("They earn $150,000 (19.9%) in 3 cities") == {"150000", "19.9"}
    assert numbers("$5 and 2k") == {"5"}  # a lone digit counts only as an amount


def test_content_words_drop_generic_career_words_and_coverage_is_the_claims_share():
    assert content_tokens("The career role involves PyTorch work") == {"involve", "pytorch"}
    assert coverage({"a", "b"}, {"a"}) == 0.5 and coverage(set(), {"a"}) == 0.0


def test_names_are_capitalised_terms_inside_a_sentence():
    assert names("Engineers use TensorFlow and PyTorch at Google.") == {"TensorFlow", "PyTorch", "Google"}
    assert names("According to the guide, you need Python.") == {"Python"}


def test_role_words_are_the_words_of_the_sources_own_roles():
    hits = [Hit(section_id=f"{d}#a", doc_id=d, role=r, title=r, heading="A", source="s", text="t", score=0)
            for d, r in (("a", "Information Security Analyst"), ("b", "Data Wrangler"))]
    assert role_words(hits) == content_tokens("information security analyst data wrangler")
    assert role_words([]) == set()


def test_best_sentence_prefers_shared_words_then_a_statement_over_a_lead_in():
    text = "Pay varies:\nMid-level earn $100,000 per year.\nSenior roles pay more."
    assert best_sentence(text, "senior roles") == "Senior roles pay more."
    assert best_sentence(text, "nothing shared") == "Mid-level earn $100,000 per year."  # not "Pay varies:"
