"""The example questions the chat page offers (and the answer cache is warmed with): made from the
roles of the guides in the knowledge folder, so no code names a role."""

from __future__ import annotations

import itertools
from pathlib import Path

from advisor.errors import IngestFileError
from ingest.parse_markdown import split_front_matter

EXAMPLES = ("What do mid-level {roles} earn?", "Which skills do I need to become {a_role}?",
            "What does {a_role} do day to day?", "How can I grow my career as {a_role}?")


def example_questions(knowledge_dir: Path, count: int = len(EXAMPLES)) -> list[str]:
    """The chat's example questions, about the roles of the guides in ``knowledge_dir`` (their
    front matter's ``role``), taking turns between guides; read from the files, not the index, so
    the page is built without loading anything."""
    roles = []
    for path in sorted(knowledge_dir.glob("*.md")):
        try:
            meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError, IngestFileError):
            continue  # ingest reports a broken guide; the page still comes up
        if role := str(meta.get("role") or "").strip():
            roles.append(role.lower())
    return [EXAMPLES[i % len(EXAMPLES)].format(roles=role + "s", a_role=("an " if role[0] in "aeiou" else "a ") + role)
            for i, role in zip(range(count), itertools.cycle(roles))] if roles else []
