"""Read a guide file safely: every way a file can be unusable becomes one ``IngestFileError``."""

from __future__ import annotations

from pathlib import Path

from advisor.errors import IngestFileError

SUPPORTED_SUFFIXES = {".md", ".markdown", ".txt"}


def read_guide(path: Path, max_bytes: int) -> str:
    """Return the file's text, or raise naming the file (and the line for bad bytes)."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestFileError(path, f"unsupported file type {path.suffix or '(none)'}; use .md or .txt")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestFileError(path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (ADVISOR_MAX_FILE_BYTES)")
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestFileError(path, f"cannot read file: {exc.strerror or exc}") from exc
    if b"\x00" in raw:
        raise IngestFileError(path, "binary file (contains NUL bytes), not a text guide")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise IngestFileError(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line=line) from exc
    if not text.strip():
        raise IngestFileError(path, "file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")
