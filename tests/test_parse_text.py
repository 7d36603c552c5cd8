"""The plain-text parser on our own fixture and on the real seed file."""

from pathlib import Path

import pytest

from advisor.settings import DEFAULT_TOP_LEVEL_HEADINGS
from ingest.parse_text import is_heading_line, parse_text, split_run_on
from tests.conftest import FIXTURES, SEED_GUIDE

FIXTURE = FIXTURES / "data-wrangler-guide.txt"


def parse(path: Path):
    return parse_text(path.read_text(), path, DEFAULT_TOP_LEVEL_HEADINGS)


def headings(doc) -> list[str]:
    return [s.heading for s in doc.sections]


def test_fixture_heading_paths():
    doc = parse(FIXTURE)
    assert headings(doc) == [
        "Overview",
        "Core Responsibilities",
        "Core Responsibilities › Intake and Logging",
        "Core Responsibilities › Quality Control",
        "Salary Ranges (Example Market, 2030)",
        "Salary Ranges (Example Market, 2030) › Junior",
        "Salary Ranges (Example Market, 2030) › Senior",
        "Common Challenges",
        "Common Challenges › Late Files",
        "Common Challenges › Silent Schema Changes",
    ]
    assert doc.role == "Data Wrangler"


def test_fixture_run_on_bullets_become_paragraphs():
    doc = parse(FIXTURE)
    overview = doc.sections[0].text.split("\n")
    assert "- Legacy Mainframes (COBOL)" in overview
    assert overview[-1].startswith("Most wranglers work in retail")
    assert "- Cleaning: Fixing broken dates and duplicate rows." in overview
    assert "Wranglers handle several kinds of sources, including:" in overview
    quality = doc.sections[3].text.split("\n")
    assert quality[-2:] == ["- Reporting failures to the owning team",
                            "Wranglers sit between engineering and analytics and translate between both."]
    schema = doc.sections[-1].text.split("\n")
    assert "- Lima, Peru" in schema and schema[-1].startswith("These two offices")


def test_fixture_line_spans():
    doc = parse(FIXTURE)
    junior = next(s for s in doc.sections if s.heading.endswith("Junior"))
    lines = FIXTURE.read_text().split("\n")
    assert lines[junior.line_start - 1] == "Junior"
    assert "$41,000 to $52,000" in lines[junior.line_end - 1]


@pytest.mark.parametrize("bullet,item,para", [
    ("Potential for global impact The field is growing fast, say most analysts of the market.",
     "Potential for global impact", "The field is growing fast, say most analysts of the market."),
    ("London, United Kingdom These areas have thriving ecosystems of startups and labs.", "London, United Kingdom",
     "These areas have thriving ecosystems of startups and labs."),
    ("Feed-Forward Neural Networks", "Feed-Forward Neural Networks", ""),
    ("AI for Social Good: Initiatives leveraging AI for social causes", "AI for Social Good: Initiatives leveraging AI for social causes", ""),
    ("Good Pay: Data Wranglers rank near the top of the pay tables in retail",
     "Good Pay: Data Wranglers rank near the top of the pay tables in retail", ""),
])
def test_split_run_on(bullet, item, para):
    assert split_run_on(bullet) == (item, para)


def test_heading_line_rules():
    assert is_heading_line("Salary Ranges (US Market, 2024)")
    assert not is_heading_line("Pay for wranglers looks like this:")
    assert not is_heading_line("- Range: $41,000")


@pytest.mark.skipif(not SEED_GUIDE.exists(), reason="the seed guide lives in ../shared, outside the repo")
def test_seed_guide_every_section_found():
    doc = parse(SEED_GUIDE)
    paths = headings(doc)
    top = [p for p in paths if " › " not in p]
    assert top == ["Overview", "Core Responsibilities", "Requirements", "Career Development", "Market Demand",
                   "Salary Ranges (US Market, 2024)", "Industry Trends", "Essential Soft Skills",
                   "Best Practices", "Common Challenges"]
    for expected in ["Salary Ranges (US Market, 2024) › Mid-Career", "Salary Ranges (US Market, 2024) › Entry-Level",
                     "Requirements › Education", "Core Responsibilities › Hyperparameter Tuning",
                     "Career Development › Career Advancement", "Market Demand › Geographical Hotspots",
                     "Industry Trends › Geographical Hotspots", "Common Challenges › Dimensionality Challenges",
                     "Essential Soft Skills › Interpersonal Skills", "Best Practices › Training Efficiency"]:
        assert expected in paths
    assert len(paths) == 81 and len({s.section_id for s in doc.sections}) == 81
    mid = next(s for s in doc.sections if s.heading.endswith("Mid-Career"))
    assert "$100,000 to $150,000" in mid.text
