"""Find guide files and parse each into a Document with the right parser."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from advisor.errors import IngestFileError
from advisor.settings import Settings
from ingest.loader import SUPPORTED_SUFFIXES, read_guide
from ingest.parse_markdown import parse_markdown
from ingest.parse_text import parse_text
from ingest.sections import Document


def guide_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and the supported files inside given directories (sorted, hidden skipped)."""
    for path in paths:
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and not f.name.startswith("."):
                    yield f
        else:
            yield path


def parse_guide(path: Path, settings: Settings) -> Document:
    if not path.exists():
        raise IngestFileError(path, "no such file")
    text = read_guide(path, settings.max_file_bytes)
    if path.suffix.lower() == ".txt":
        return parse_text(text, path, settings.top_level_headings)
    return parse_markdown(text, path)
