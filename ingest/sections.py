"""The unit everything downstream works on: a section of a guide with a stable identity."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

PATH_SEPARATOR = " › "


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphenated: the same heading gives the same slug on every machine."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"


def doc_id_for(path: Path) -> str:
    """A guide's document id: its file name without the suffix, slugified."""
    return slugify(path.stem)


@dataclass(frozen=True)
class Section:
    """One heading's own text. ``section_id`` depends only on the document id and heading path."""

    doc_id: str
    heading_path: tuple[str, ...]
    text: str
    line_start: int
    line_end: int
    role: str = ""
    title: str = ""
    source: str = ""
    file: str = ""
    aliases: tuple[str, ...] = ()
    facts: str = ""  # the guide's front matter the advisor reads (parse_markdown.facts_of), as JSON
    id_suffix: str = field(default="", compare=False)

    @property
    def section_id(self) -> str:
        return f"{self.doc_id}#{'/'.join(slugify(h) for h in self.heading_path)}{self.id_suffix}"

    @property
    def heading(self) -> str:
        return PATH_SEPARATOR.join(self.heading_path)

    @property
    def content_hash(self) -> str:
        payload = "\n".join([self.heading, self.text, self.role, self.title, self.source, *self.aliases, self.facts])
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    doc_id: str
    file: str
    role: str
    title: str
    source: str
    sections: tuple[Section, ...]
    meta: dict = field(default_factory=dict, compare=False)


def assign_unique_ids(sections: list[Section]) -> list[Section]:
    """Two headings with the same path in one file get ``-2``, ``-3`` suffixes, in file order."""
    seen: dict[str, int] = {}
    out = []
    for s in sections:
        n = seen.get(s.section_id, 0) + 1
        seen[s.section_id] = n
        out.append(s if n == 1 else Section(**{**s.__dict__, "id_suffix": f"-{n}"}))
    return out
