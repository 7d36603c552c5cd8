"""The golden question set: typed cases and a deterministic, stratified subset for CI."""

from __future__ import annotations

import json
from itertools import zip_longest
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from advisor.types import Turn

GOLDEN = Path(__file__).with_name("golden.jsonl")
Kind = Literal["in_scope", "follow_up", "out_of_scope", "injection", "wages", "occupation"]


class Case(BaseModel):
    id: str
    kind: Kind
    question: str
    history: list[Turn] = Field(default_factory=list)
    expected_sections: list[str] = Field(default_factory=list)
    key_facts: list[str] = Field(default_factory=list)
    reference: str = ""
    forbidden: list[str] = Field(default_factory=list)
    must_refuse: bool = False

    @property
    def should_refuse(self) -> bool:
        return self.kind == "out_of_scope" or self.must_refuse


def load_cases(path: Path = GOLDEN) -> list[Case]:
    cases = []
    for n, line in enumerate(path.read_text().splitlines(), start=1):
        if line.strip():
            try:
                cases.append(Case.model_validate(json.loads(line)))
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: invalid case: {exc}") from exc
    return cases


def subset(cases: list[Case], n: int | None) -> list[Case]:
    """The first ``n`` cases taken round-robin across kinds, so a small run still covers each kind."""
    if n is None or n >= len(cases):
        return cases
    by_kind: dict[str, list[Case]] = {}
    for case in cases:
        by_kind.setdefault(case.kind, []).append(case)
    interleaved = [c for group in zip_longest(*by_kind.values()) for c in group if c is not None]
    return interleaved[:n]
