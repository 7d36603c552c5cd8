"""Scope checks before the model: roles the guides do not cover, pay abroad, years the guides lack."""

import pytest

from advisor import scope
from advisor.bm25 import tokenize
from advisor.types import Hit

COVERED = {"neural network engineer", "ai architect", "ai project manager"}


@pytest.mark.parametrize("question,role", [
    ("What does a dentist earn?", "dentist"),
    ("How much do software engineers make?", "software engineers"),
    ("What's the salary of a data scientist?", "data scientist"),
    ("What do neural network engineers earn?", None),
    ("Can I grow into an AI Architect?", None),
    ("How do software engineers and neural network engineers work together?", None),
    # the asker's own job is their background, not what they ask about
    ("So I'm 34, an accountant, kinda burnt out. Is there demand for people who build neural nets?", None),
    ("I work as a nurse. Could I retrain for this?", None), ("I'm a teacher; what does a dentist earn?", "dentist"),
    ("I'm currently a software engineer, is it worth it?", None), ("I want to be a nurse", "nurse"),
])
def test_uncovered_roles(question, role):
    assert scope.uncovered_role(question, COVERED) == role


@pytest.mark.parametrize("question,place", [
    ("What do neural network engineers earn in Germany?", "Germany"),
    ("salary in rupees?", "rupees"),
    ("Which cities in India are AI hotspots?", None),  # not a pay question
    ("What do they earn in the US?", None),
    ("What do they earn in New Mexico?", None),  # a U.S. state, though it names Mexico
    ("How much are they making in Berlin?", "Berlin"),
])
def test_foreign_pay(question, place):
    assert scope.foreign_pay(question) == place


def test_keyword_coverage_can_leave_vague_words_out():
    section = Hit(section_id="g#c/i", doc_id="g", role="Neural Network Engineer", title="t", heading="Initialization",
                  source="s", text="Address vanishing and exploding gradient problems during training.", score=0)
    asked = "my gradients keep vanishing or exploding during training, does the guide say anything about that?"
    assert scope.keyword_coverage(asked, [section], ignore=scope.VAGUE_TOKENS) == pytest.approx(5 / 6)  # all but "keep"
    assert scope.keyword_coverage(asked, [section]) == pytest.approx(5 / 9)  # "say", "anything", "about" count
    assert scope.keyword_coverage("do neural network engineers need a security clearance?", [section]) == 0.0


def test_words_that_only_colour_a_question_never_count():
    section = Hit(section_id="g#s/c", doc_id="g", role="Neural Network Engineer", title="t", heading="Communication",
                  source="s", text="Communicating with people matters: explain results to stakeholders.", score=0)
    asked = "I'm pretty introverted. How much does communicating with people actually matter?"
    # "pretty", "much", "actually" name nothing a guide could hold: 3 of introverted, communicating, people, matter
    assert scope.keyword_coverage(asked, [section]) == pytest.approx(3 / 4)


def test_keyword_coverage_counts_a_word_in_any_form():
    """"hired" is covered by a section saying "hires"; "deployed" by "deployment"."""
    section = Hit(section_id="g#w/e", doc_id="g", role="Information Security Analyst", title="t", heading="Employers",
                  source="s", text="Banks and consulting firms hires most analysts; some work on deployment.", score=0)
    assert scope.keyword_coverage("who hired analysts for deployed systems?", [section]) == pytest.approx(2 / 3)


def test_unknown_years():
    assert scope.unknown_years("What will they earn in 2030?", "figures for 2024 and 2025") == ["2030"]
    assert scope.unknown_years("What did they earn in 2024?", "figures for 2024 and 2025") == []


@pytest.mark.parametrize("question, counted", [
    ("How many hours a week do neural network engineers usually work?", "hours"),
    ("how many vacation days do they get", "vacation days"),
    ("How many new jobs will AI create?", None),  # the guides count jobs
    ("How many years of experience do senior engineers have?", None),
    ("What do they earn?", None),
    ("so how many of those jobs will there be in 10 years?", None),  # jobs, not "of those"
    ("how many of those hours are paid?", "hours"),
    ("how many will there be by 2034?", None),  # counts what the turn before asked of ("the field")
    ("and how many are there now?", None),
    ("and how many by 2034?", None),  # dev17 d17s-19: had been refused as counting "by"
    ("how many in a typical team?", None),
])
def test_a_count_of_something_no_guide_names(question, counted):
    words = frozenset(tokenize("Senior engineers have years of experience. AI will create 97 million new jobs."))
    assert scope.uncounted(question, words) == counted


@pytest.mark.parametrize("question, price", [
    ("How much does it cost to sit the CISSP exam?", "cost"),
    ("What are the fees for a master's degree?", "fees"),
    ("what does a bootcamp cost?", "cost"),
    ("How expensive is the certification?", "expensive"),
    ("How do engineers keep computing costs down?", None),  # a cost named, no amount asked
    ("How much do they earn?", None),
])
def test_a_price_no_guide_gives(question, price):
    assert not scope.gives_prices("Keep computational costs under control. Salaries start at $69,660.")
    assert scope.unpriced(question, prices_given=False) == price


def test_a_price_a_guide_gives_is_no_reason_to_refuse():
    assert scope.gives_prices("Keep computational costs under control. The exam costs $749 to sit.")
    assert scope.unpriced("How much does the exam cost?", prices_given=True) is None


def test_other_roles_beside_a_covered_one():
    assert scope.other_roles("neural network engineers vs data scientists: who earns more?", COVERED) == ("data scientists",)
    assert scope.other_roles("Do NN engineers earn more than nurses?", COVERED) == ("nurses",)
    assert scope.other_roles("What does a neural network engineer earn?", COVERED) == ()


@pytest.mark.parametrize("question, beside", [
    ("what's the difference between a neural network engineer and a data scientist?", ("data scientist",)),
    ("Do NN engineers earn more than nurses?", ("nurses",)),
    ("Which is the better career, neural network engineer or software developer?", ("software developer",)),
    ("Is a data scientist paid better than a neural network engineer, or is a data scientist's job easier?",
     ("data scientist",)),  # once
    ("I'm an accountant: how do junior and senior neural network engineers differ?", ()),  # the asker's own job
    ("I like data science. What does a neural network engineer do?", ()),  # nothing compared
    ("I'm a high school chemistry teacher. Would I need a different degree, or even a PhD?", ()),  # dev24 d24n-08
])
def test_careers_set_beside_a_covered_one(question, beside):
    assert scope.set_beside(question, COVERED) == beside


def test_a_declined_count_follow_up_is_judged_on_what_it_counts():
    """dev10 d10s-24: the model declined "how many will there be by 2034 then?"; "many" and "then" name
    nothing a section could hold, and the section gives 2034's figure."""
    size = Hit(section_id="g#p/s", doc_id="g", role="Information Security Analyst", title="t", heading="Size of the Field",
               source="s", text="The gain would take the occupation to about 234,900 jobs by 2034.", score=0)
    assert scope.keyword_coverage("how many will there be by 2034 then?", [size], ignore=scope.VAGUE_TOKENS) == 1.0
