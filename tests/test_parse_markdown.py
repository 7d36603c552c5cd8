"""The Markdown parser, on the real guide and on broken inputs."""

import json
from pathlib import Path

import pytest

from advisor.errors import IngestFileError
from ingest.parse_markdown import parse_markdown
from tests.conftest import GUIDE

REQUIRED = {
    "Overview", "Core Responsibilities", "Requirements", "Career Development", "Market Demand",
    "Salary Ranges", "Industry Trends", "Essential Soft Skills", "Best Practices", "Common Challenges",
    "Salary Ranges › Entry-Level", "Salary Ranges › Mid-Level", "Salary Ranges › Senior-Level",
    "Salary Ranges › Factors Influencing Salary", "Salary Ranges › Additional Compensation",
    "Requirements › Education", "Requirements › Programming Proficiency",
    "Requirements › Mathematical and Statistical Knowledge", "Career Development › Career Paths and Specializations",
    "Career Development › Career Advancement", "Common Challenges › Hardware Limitations",
}


def test_real_guide_structure():
    doc = parse_markdown(GUIDE.read_text(), GUIDE)
    paths = {s.heading for s in doc.sections}
    assert REQUIRED <= paths
    assert doc.role == "Neural Network Engineer"
    assert doc.meta["region"] == "US" and doc.meta["salary_year"] == 2024
    ids = [s.section_id for s in doc.sections]
    assert len(ids) == len(set(ids))
    assert "neural-network-engineer#salary-ranges/mid-level" in ids


def test_real_guide_carries_the_figures():
    doc = parse_markdown(GUIDE.read_text(), GUIDE)
    by_path = {s.heading: s.text for s in doc.sections}
    assert "$70,000 to $100,000" in by_path["Salary Ranges › Entry-Level"]
    assert "$100,000 to $150,000" in by_path["Salary Ranges › Mid-Level"]
    assert "$150,000+" in by_path["Salary Ranges › Senior-Level"]
    text = GUIDE.read_text()
    for figure in ["$126 billion", "$227.8 million", "$1.4 billion", "19.9%", "133 million", "$37.9 billion",
                   "42.9%", "49.50%", "$82.47 billion", "25.7%", "TensorFlow", "PyTorch", "MXNet"]:
        assert figure in text, figure


def test_line_spans_point_at_the_heading():
    doc = parse_markdown(GUIDE.read_text(), GUIDE)
    lines = GUIDE.read_text().split("\n")
    for s in doc.sections:
        assert lines[s.line_start - 1].lstrip("#").strip() == s.heading_path[-1]
        assert s.line_end >= s.line_start


def test_nesting_and_code_fences(tmp_path: Path):
    text = ("---\nrole: Tester\n---\nIntro text.\n# Top\nA\n## Sub\nB\n```\n# not a heading\n```\n"
            "### Deep\nC\n## Sub2\nD\n# Other\nE\n")
    doc = parse_markdown(text, tmp_path / "tester.md")
    assert [s.heading_path for s in doc.sections] == [
        ("Tester",), ("Top",), ("Top", "Sub"), ("Top", "Sub", "Deep"), ("Top", "Sub2"), ("Other",)]
    assert "# not a heading" in doc.sections[2].text


def test_single_h1_is_the_title(tmp_path: Path):
    doc = parse_markdown("# Data Wrangler\nIntro.\n## Pay\nx\n", tmp_path / "w.md")
    assert doc.title == "Data Wrangler" and [s.heading_path for s in doc.sections] == [("Data Wrangler",), ("Pay",)]


@pytest.mark.parametrize("text,line,fragment", [
    ("---\nrole: [unclosed\n---\n## A\nx\n", 2, "not valid YAML"),
    ("---\nrole: x\n## A\nx\n", 1, "never closed"),
    ("---\n- a\n- b\n---\n## A\nx\n", 2, "mapping"),
    ("---\npay_bands: {junior: Pay › Low}\n---\n## A\nx\n", 2, "'pay_bands' must map entry-level"),
    ("---\nrequirements: Skills\n---\n## A\nx\n", 2, "'requirements' must be a list"),
])
def test_broken_front_matter(tmp_path: Path, text, line, fragment):
    with pytest.raises(IngestFileError) as err:
        parse_markdown(text, tmp_path / "bad.md")
    assert err.value.line == line and fragment in str(err.value) and "bad.md" in str(err.value)


def test_duplicate_headings_get_distinct_ids(tmp_path: Path):
    doc = parse_markdown("## A\nx\n## A\ny\n", tmp_path / "d.md")
    assert [s.section_id for s in doc.sections] == ["d#a", "d#a-2"]


def test_the_guides_pay_facts_travel_with_every_section(tmp_path: Path):
    text = ("---\nrole: R\nregion: US\nsalary_year: 2024\npay_bands: {entry-level: Pay › Low}\n"
            "requirements: [Skills]\nupdated: 2026-01-01\n---\n## Pay\n### Low\n$1 to $2\n")
    doc = parse_markdown(text, tmp_path / "r.md")
    assert json.loads(doc.sections[0].facts) == {"region": "US", "salary_year": 2024,
                                                "pay_bands": {"entry-level": "Pay › Low"}, "requirements": ["Skills"]}
    changed = parse_markdown(text.replace("2024", "2025"), tmp_path / "r.md")
    assert changed.sections[0].content_hash != doc.sections[0].content_hash  # re-indexed when they change
