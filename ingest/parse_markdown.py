"""Markdown guides: YAML front matter plus a heading hierarchy becomes a list of sections."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from advisor.errors import IngestFileError
from ingest.sections import Document, Section, assign_unique_ids, doc_id_for

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def split_front_matter(text: str, path: Path) -> tuple[dict, list[str], int]:
    """Return (front matter, body lines, line number of the first body line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, lines, 1
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise IngestFileError(path, "front matter opened with '---' but never closed", line=1)
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise IngestFileError(path, f"front matter is not valid YAML ({getattr(exc, 'problem', exc)})", line=line) from exc
    if not isinstance(meta, dict):
        raise IngestFileError(path, "front matter must be a mapping of key: value lines", line=2)
    return meta, lines[end + 1 :], end + 2


def aliases_of(meta: dict, path: Path) -> tuple[str, ...]:
    """Other names of the guide's role (front matter ``aliases``: a list or one string)."""
    raw = meta.get("aliases") or []
    raw = [raw] if isinstance(raw, str) else raw
    if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
        raise IngestFileError(path, "front matter 'aliases' must be a list of names", line=2)
    return tuple(a.strip() for a in raw if a.strip())


FACTS = ("region", "salary_year", "pay_bands", "requirements")


def facts_of(meta: dict, path: Path) -> str:
    """The front matter the advisor reads besides names, as JSON: ``region`` and ``salary_year`` (what
    the guide's pay figures are), ``pay_bands`` (band → heading path, "Earnings › Starting Out") and
    ``requirements`` (the top-level headings whose subsections are the requirements)."""
    facts = {k: meta[k] for k in FACTS if meta.get(k) not in (None, "", [], {})}
    bands = facts.get("pay_bands", {})
    if not isinstance(bands, dict) or not all(isinstance(v, str) for v in bands.values()) \
            or set(bands) - {"entry-level", "mid-level", "senior-level"}:
        raise IngestFileError(path, "front matter 'pay_bands' must map entry-level, mid-level and senior-level "
                                    "to heading paths", line=2)
    reqs = facts.get("requirements", [])
    if not isinstance(reqs, list) or not all(isinstance(r, str) for r in reqs):
        raise IngestFileError(path, "front matter 'requirements' must be a list of headings", line=2)
    return json.dumps(facts, sort_keys=True, default=str)


def parse_markdown(text: str, path: Path) -> Document:
    meta, lines, first_line = split_front_matter(text, path)
    headings = _headings(lines)
    h1s = [h for h in headings if h[1] == 1]
    title_from_h1 = h1s[0][2] if len(h1s) == 1 and headings and headings[0][1] == 1 else None
    doc_id = doc_id_for(path)
    title = str(meta.get("title") or title_from_h1 or path.stem.replace("-", " ").title())
    role = str(meta.get("role") or title)
    source = str(meta.get("source") or path.name)
    aliases = aliases_of(meta, path)
    facts = facts_of(meta, path)

    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    body: list[str] = []
    start = first_line
    path_now: tuple[str, ...] = (title,)

    def flush(end_index: int) -> None:
        content = "\n".join(body).strip()
        if content:
            sections.append(
                Section(doc_id=doc_id, heading_path=path_now, text=content, line_start=start,
                        line_end=first_line + end_index - 1, role=role, title=title, source=source,
                        file=path.name, aliases=aliases, facts=facts)
            )

    heading_at = {i: (level, name) for i, level, name in headings}
    for i, line in enumerate(lines):
        if i in heading_at:
            flush(i)
            level, name = heading_at[i]
            body = []
            start = first_line + i
            if title_from_h1 and level == 1:
                stack = []
                path_now = (title,)
                continue
            stack = [(lvl, n) for lvl, n in stack if lvl < level] + [(level, name)]
            path_now = tuple(n for _, n in stack)
        else:
            body.append(line)
    flush(len(lines))
    if not sections:
        raise IngestFileError(path, "no text found under any heading")
    return Document(doc_id=doc_id, file=path.name, role=role, title=title, source=source,
                    sections=tuple(assign_unique_ids(sections)), meta=meta)


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, text) of each ATX heading outside code fences."""
    out, in_fence = [], False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and (m := HEADING.match(line)):
            out.append((i, len(m.group(1)), m.group(2).strip()))
    return out
