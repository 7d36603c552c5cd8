"""Plain-text guides in the shape of the seed file: bare heading lines, ``- `` bullets, no markup.

The shape is ambiguous, so the rules are explicit:

* A *heading* is a short non-bullet line that does not end like a sentence.
* It is *top level* when it starts with one of the known top-level names (settings), or when the
  document uses none of them; otherwise it nests under the last top-level heading.
* A short Title Case bullet followed by ordinary bullets is a *group heading* one level deeper
  ("- Education" then "- Bachelor's degree in ...").
* A bullet that runs on into a paragraph ("- Potential for global impact The field of ...") is
  split where a new sentence starts after an unpunctuated word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import IngestFileError
from ingest.sections import Document, Section, assign_unique_ids, doc_id_for

BULLET = re.compile(r"^\s*[-*•]\s+")
SMALL_WORDS = {"and", "or", "of", "the", "in", "for", "to", "a", "an", "with", "on", "at", "by", "&", "vs"}
FUNCTION_WORDS = SMALL_WORDS | {"as", "from", "into", "like", "such", "than", "that", "which"}
MAX_HEADING_WORDS = 10
MAX_GROUP_WORDS = 7
MIN_RUN_ON_WORDS = 8


@dataclass
class _Line:
    number: int
    kind: str  # "heading" | "bullet" | "para"
    text: str


def is_heading_line(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= MAX_HEADING_WORDS
        and not BULLET.match(line)
        and line.rstrip()[-1] not in ".:;,!?"
        and (line.lstrip()[0].isupper() or line.lstrip()[0].isdigit())
    )


def is_title_case(text: str) -> bool:
    words = text.split()
    if not 0 < len(words) <= MAX_GROUP_WORDS or ":" in text or text.rstrip()[-1] in ".;,!?":
        return False
    return all(w.lower() in SMALL_WORDS or not w[0].isalpha() or w[0].isupper() for w in words)


def _starts_sentence(words: list[str], i: int) -> bool:
    """Does a new sentence plausibly start at ``words[i]`` inside a bullet?"""
    word, prev = words[i], words[i - 1]
    if not (word[0].isupper() and any(c.islower() for c in word)):
        return False  # not Capitalised (ALLCAPS such as "AI" is a term, not a sentence start)
    if prev[-1] in ".:;,!?" or prev.lower() in FUNCTION_WORDS:
        return False
    rest = words[i:]
    if len(rest) < MIN_RUN_ON_WORDS or rest[-1][-1] not in ".:!?":
        return False
    prev_is_term = prev[0].isupper() and not (prev.startswith("(") and prev.endswith(")"))
    if prev_is_term:
        # after a capitalised word ("United Kingdom These areas"), require a lowercase second word
        return rest[1][0].islower()
    return True


def split_run_on(bullet: str) -> tuple[str, str]:
    """Split "item Sentence that follows." into (item, sentence); sentence is '' when none."""
    words = bullet.split()
    for i in range(1, len(words)):
        if _starts_sentence(words, i):
            return " ".join(words[:i]), " ".join(words[i:])
    m = re.match(r"^(.+?[a-z)]\.)\s+([A-Z].*:)$", bullet)
    if m:  # "Label: explanation. A sentence introducing the next list:"
        return m.group(1), m.group(2)
    return bullet, ""


def classify(lines: list[str]) -> list[_Line]:
    out: list[_Line] = []
    for n, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if BULLET.match(raw):
            item, para = split_run_on(BULLET.sub("", raw).strip())
            out.append(_Line(n, "bullet", item))
            if para:
                out.append(_Line(n, "para", para))
        elif is_heading_line(line):
            out.append(_Line(n, "heading", line))
        else:
            out.append(_Line(n, "para", line))
    return out


def mark_group_headings(items: list[_Line]) -> None:
    """A Title Case bullet directly followed by a non-Title-Case bullet opens a group."""
    for a, b in zip(items, items[1:]):
        if a.kind == "bullet" and b.kind == "bullet" and is_title_case(a.text) and not is_title_case(b.text):
            a.kind = "group"


def parse_text(text: str, path: Path, top_level_headings: list[str]) -> Document:
    items = classify(text.split("\n"))
    mark_group_headings(items)
    known = [h.lower() for h in top_level_headings]
    headings = [it.text for it in items if it.kind == "heading"]
    uses_known = any(h.lower().startswith(tuple(known)) for h in headings)

    doc_id = doc_id_for(path)
    title = path.stem.replace("-", " ").replace("_", " ").title()
    role = re.sub(r"\s+(Career\s+)?Guide$", "", title, flags=re.I)

    sections: list[Section] = []
    top: str | None = None
    sub: str | None = None
    group: str | None = None
    body: list[str] = []
    start = end = 1

    def flush() -> None:
        content = "\n".join(body).strip()
        if content:
            heading_path = tuple(h for h in (top, sub, group) if h) or (title,)
            sections.append(Section(doc_id=doc_id, heading_path=heading_path, text=content,
                                    line_start=start, line_end=end, role=role, title=title,
                                    source=path.name, file=path.name))

    for it in items:
        if it.kind in ("heading", "group"):
            flush()
            body, start = [], it.number
            if it.kind == "group":
                group = it.text
            elif top is None or not uses_known or it.text.lower().startswith(tuple(known)):
                top, sub, group = it.text, None, None
            else:
                sub, group = it.text, None
        else:
            body.append(f"- {it.text}" if it.kind == "bullet" else it.text)
        end = it.number
    flush()
    if not sections:
        raise IngestFileError(path, "no text found")
    return Document(doc_id=doc_id, file=path.name, role=role, title=title, source=path.name,
                    sections=tuple(assign_unique_ids(sections)))
