"""The one settings object: ADVISOR_* variables, and paths derived from it that follow a copy."""

from pathlib import Path

from advisor.settings import Settings


def test_derived_paths_follow_a_copy_with_another_folder(tmp_path: Path):
    base = Settings(data_dir=tmp_path / "a")
    assert (base.feedback_db, base.chroma_path, base.resolved_onet_dir) == (
        tmp_path / "a" / "feedback.sqlite3", tmp_path / "a" / "chroma", tmp_path / "a" / "onet")
    moved = base.model_copy(update={"data_dir": tmp_path / "b", "onet_dir": tmp_path / "o"})
    assert (moved.feedback_db, moved.chroma_path, moved.resolved_onet_dir) == (
        tmp_path / "b" / "feedback.sqlite3", tmp_path / "b" / "chroma", tmp_path / "o")


def test_settings_come_from_advisor_variables(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("ADVISOR_ANSWER_CACHE", "0")
    monkeypatch.setenv("ADVISOR_PROVIDER", "extractive")
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path))
    settings = Settings()
    assert (settings.answer_cache, settings.provider, settings.data_dir) == (0, "extractive", tmp_path)
