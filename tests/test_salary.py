"""Reading a pay question (occupation, place, band) and the official-data lines built from OEWS."""

from __future__ import annotations

import pytest

from advisor import salary
from advisor.types import Hit, Profile
from advisor.oews.package import open_wages


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    from advisor.settings import Settings

    return open_wages(Settings(data_dir=tmp_path_factory.mktemp("wages")))


@pytest.mark.parametrize("question, pay", [
    ("What do data scientists earn in Seattle?", True),
    ("How much can you make as a software engineer?", True),
    ("How does the guide's mid-level band compare with official data?", True),
    ("What's the salary of a dentist?", True),
    ("What makes a good neural network engineer?", False),
    ("How do I make the switch into AI?", False),
    ("Which skills do I need?", False),
])
def test_pay_questions_are_recognised(question, pay):
    assert salary.asks_pay(question) is pay


@pytest.mark.parametrize("question, occupation", [
    ("What do data scientists earn in Seattle?", "data scientists"),
    ("What's the salary of a dentist?", "dentist"),
    ("What is the average data scientist salary in austin, tx?", "data scientist"),
    ("How much can you make as a software engineer in the Bay Area?", "software engineer"),
    ("Are registered nurses paid well in Ohio?", "registered nurses"),
    ("What do mid-level neural network engineers earn?", "neural network engineers"),  # not "network engineers"
    ("How does this job compare with a data scientist's pay?", "data scientist's"),  # not "job compare with …"
    ("How do neural network engineers and data scientists compare on pay?",
     "engineers and data scientists"),  # not "… compare on": trailing words no title has are dropped
    ("What do they earn in Seattle?", None),
    ("How should I negotiate a pay rise with my manager?", None),
    # dev21 d21n-03: "through" matched "Education Administrators, Kindergarten through Secondary"
    ("Walk me through the pay progression from junior to senior", None),
])
def test_the_occupation_a_question_names(data, question, occupation):
    assert salary.occupation_phrase(data, question) == occupation


@pytest.mark.parametrize("question, place", [
    ("What do data scientists earn in Seattle?", "Seattle"),
    ("What is the average data scientist salary in austin, tx?", "austin, tx"),
    ("What do neural network engineers make in New York City per year?", "New York City"),
    ("How much do they earn in the Bay Area?", "the Bay Area"),
    ("What do data scientists earn in London?", "London"),
    ("What do nurses earn nationally?", "national"),
    ("What do nurses earn in their first year?", None),
])
def test_the_place_a_question_names(data, question, place):
    assert salary.place_in(data, question) == place


def test_the_plan_falls_back_to_the_profile_and_the_guide_role(data):
    plan = salary.plan(data, "What would I earn?", "What would I earn?", "Neural Network Engineer",
                       Profile(location="Austin, TX", years_experience=4))
    assert plan.named is None and plan.level == "mid-level" and plan.lookup.approximate
    assert plan.lookup.area.name == "Austin-Round Rock-San Marcos, TX"
    assert [r.occupation.code for r in plan.lookup.reports] == ["15-1221", "15-2051"]
    follow_up = salary.plan(data, "and in Seattle?", "What do data scientists earn? and in Seattle?", None, None)
    assert follow_up.named == "data scientists" and follow_up.lookup.area.name == "Seattle-Tacoma-Bellevue, WA"


def test_a_follow_up_that_switches_role_looks_up_its_own_role(data):
    """Session 40's browser try-out: "ok and the cybersecurity one?" after an engineer's starting pay gave
    the analysts' bands from their guide but the engineers' OEWS figures, named in the turn before."""
    plan = salary.plan(data, "ok and the cybersecurity one?",
                       "What does an entry-level neural network engineer earn? ok and the cybersecurity one?",
                       "Information Security Analyst", None, ("Neural Network Engineer",))
    assert plan.named is None and [r.occupation.code for r in plan.lookup.reports] == ["15-1212"]
    assert plan.level == "entry-level"


@pytest.mark.parametrize("question, codes", [
    ("What do mid-level engineers make?", ["15-1221", "15-2051"]),  # the guide's engineers, not 17-2000
    ("What do senior engineers earn in Ohio?", ["15-1221", "15-2051"]),
    ("What do network engineers earn?", ["15-1241"]),  # a job of its own
    ("What do software engineers earn?", ["15-1252"]),
])
def test_a_word_of_the_guide_role_means_the_guide_role(data, question, codes):
    plan = salary.plan(data, question, question, "Neural Network Engineer", None)
    assert [r.occupation.code for r in plan.lookup.reports] == codes


def test_search_text_drops_words_about_the_sources():
    assert salary.search_text("How does the guide's mid-level band compare with official data?") == \
        "How does mid-level band ? salary"
    assert salary.search_text("What do mid-level engineers earn?") == "What do mid-level engineers earn?"
    assert salary.search_text("Which guide covers skills?") == "Which guide covers skills?"  # not about pay


@pytest.mark.parametrize("text, figures", [
    ("Entry-level Neural Network Engineers in the US earn $70,000 to $100,000 per year.", (70000.0, 100000.0)),
    ("Senior-level Neural Network Engineers in the US earn $150,000+ per year.", (150000.0, None)),
    ("No figures here.", None),
    ("One analyst in ten made less than $69,660 a year.", None),  # one figure is no band
])
def test_band_figures(text, figures):
    assert salary.band_figures(text) == figures


def test_comparison_says_where_the_band_sits(data):
    national = data.lookup("15-1221").reports[0]  # 25th $103,570, 75th $188,700, 90th $230,630
    assert salary.comparison_line("mid-level", (100000.0, 150000.0), national).endswith(
        "the guide's band starts $3,570 below the 25th percentile and ends $38,700 below the 75th.")
    senior = salary.comparison_line("senior-level", (150000.0, None), national, "US 2024")
    assert "($150,000 and up, US 2024)" in senior and "starts $38,700 below the 75th percentile." in senior


def test_block_cites_each_table_and_the_band(data):
    plan = salary.plan(data, "What do mid-level neural network engineers earn in Seattle?",
                       "What do mid-level neural network engineers earn in Seattle?", None, None)
    band = Hit(section_id="g#salary-ranges/mid-level", doc_id="g", role="r", title="t", heading="Salary › Mid",
               source="s", text="Mid-level engineers earn $100,000 to $150,000 annually.", score=0.0)
    lines, chart = plan.block([("mid-level", band)])
    cited = [(text, [h.section_id for h in hits]) for text, hits in lines if hits]
    series = [ids[0] for _, ids in cited[:4]]
    assert series == ["oews:OEUM0042660000000151221", "oews:OEUM0042660000000152051",
                      "oews:OEUN0000000000000151221", "oews:OEUN0000000000000152051"]
    assert cited[4][1] == ["g#salary-ranges/mid-level", "oews:OEUN0000000000000151221"]
    assert "median $211,270 a year" in cited[0][0]
    assert chart["guide_bands"] == [{"label": "mid-level", "low": 100000.0, "high": 150000.0,
                                     "section_id": "g#salary-ranges/mid-level"}]
    assert [r["area"]["name"] for r in chart["national"]] == ["National", "National"]


def test_an_unknown_profile_location_is_said_not_guessed(data):
    plan = salary.plan(data, "What would I earn?", "What would I earn?", "Neural Network Engineer",
                       Profile(location="Atlantis"))
    lines, chart = plan.block([])
    assert chart is None and lines == [(plan.lookup.note, ())] and "Atlantis" in plan.lookup.note


def test_level_words_are_not_part_of_the_occupation(data):
    assert salary.occupation_phrase(data, "What do early-career information security analysts earn?") == \
        "information security analysts"
    assert salary.occupation_phrase(data, "What do experienced data scientists make in Ohio?") == "data scientists"
    # the same level terms the question reader knows: plural, two words, "-level"
    assert salary.occupation_phrase(data, "What do new grad data scientists earn?") == "data scientists"
    assert salary.occupation_phrase(data, "What do first job data scientists make?") == "data scientists"
    assert salary.occupation_phrase(data, "What do entry level data scientists earn?") == "data scientists"
    assert salary.occupation_phrase(data, "What's the salary of a mid-level data scientist?") == "data scientist"


@pytest.mark.parametrize("question", ["How much does this job pay?", "What does the role pay?",
                                      "what's the salary for this line of work?", "How much does that career pay?"])
def test_a_job_referred_to_without_its_name_is_no_occupation(data, question):
    assert salary.occupation_phrase(data, question) is None
