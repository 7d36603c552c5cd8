"""Profile advice: the band a number of years maps to, and the skills gap against the requirements."""

import pytest

from advisor import profile
from advisor.types import Hit, Profile


def hit(heading: str, text: str) -> Hit:
    return Hit(section_id="g#" + heading.lower().replace(" › ", "/").replace(" ", "-"), doc_id="g", role="R",
               title="R", heading=heading, source="s", text=text, score=0)


@pytest.mark.parametrize("years, band", [(0, "entry-level"), (2.9, "entry-level"), (3, "mid-level"),
                                         (7.5, "mid-level"), (8, "senior-level"), (40, "senior-level")])
def test_years_map_to_the_band_the_note_states(years, band):
    assert profile.band_for(years) == band
    assert "under 3 years" in profile.BAND_NOTE and "8 or more" in profile.BAND_NOTE


def test_the_band_line_names_the_band_and_quotes_its_figures():
    band = hit("Salary Ranges › Mid-Level", "Pay depends on the city.\nMid-level engineers earn $100,000 to $150,000 per year.")
    line = profile.band_line(Profile(years_experience=4), band)
    assert line == "With 4 years of experience, the Mid-Level band applies: Mid-level engineers earn $100,000 to $150,000 per year."


def test_skills_cover_requirements_or_are_listed_as_gaps_first_sentence_first():
    reqs = [hit("Requirements › Programming", "Strong Python and C++ skills."),
            hit("Requirements › Mathematics", "Linear algebra:\nCalculus and probability are needed."),
            hit("Requirements › Data", "SQL and data cleaning."),
            hit("Requirements › Cloud", "AWS or GCP."),
            hit("Requirements › Ethics", "Fairness and privacy.")]
    lines = profile.skills_lines(Profile(skills=["python", "Data cleaning"]), reqs, max_gaps=2)
    assert [text for text, _ in lines] == [
        "Your skills already cover Programming (python).", "Your skills already cover Data (Data cleaning).",
        "To work on, Mathematics: Calculus and probability are needed.", "To work on, Cloud: AWS or GCP."]
    assert [h.heading for _, h in lines][2] == "Requirements › Mathematics"  # each line cites its section


@pytest.mark.parametrize("question, wants", [("Which skills should I learn next?", True),
                                             ("Am I ready to apply?", True), ("What do they earn?", False)])
def test_which_questions_get_the_skills_gap(question, wants):
    assert profile.wants_skills(question) is wants
