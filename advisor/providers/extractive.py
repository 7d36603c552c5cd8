"""No LLM: the answer is the guide's own best-matching sentences, each with its source.

Deterministic, instant, and honest about what it is; used by fast tests and as the fallback
whenever no model is available.
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.providers.base import GenerationRequest
from advisor.textmatch import content_tokens, role_words, sentences

MAX_LINES = 4
RELATIVE_MATCH = 0.6  # a later source must match at least this share of the best one's words
NOTICE = "Answered without a language model: these are the guide passages that best match your question."


class ExtractiveProvider:
    name = "extractive"
    model = "none (extractive)"
    uses_llm = False

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        outline = next((n for n, h in enumerate(request.hits, 1) if h.section_id == request.outline), None)
        lines = (outline_lines(request.hits[outline - 1], outline) if outline
                 else extract_lines(request.question, request.hits, request.focus))
        for line in lines:
            yield line + "\n"

    def warm_up(self) -> None:
        """Nothing to load: it reads the sources it is given."""

    def status(self) -> dict[str, object]:
        return {"provider": self.name, "model": self.model, "ready": True}


def outline_lines(outline, n: int) -> list[str]:
    """A broad question's answer: every item of the topic's outline (its subsections' first sentences)."""
    return [f"{line} [{n}]" for line in outline.text.splitlines() if line.startswith("- ")]


def extract_lines(question: str, hits: list, focus: str = "") -> list[str]:
    """The best-matching sentences, from the sources that match best. Words of this turn
    (``focus``) weigh three times, so "and at senior level?" leads with the senior band."""
    roles = role_words(hits)
    wanted, new = content_tokens(question) - roles, content_tokens(focus) - roles

    def score(sentence: str) -> int:
        words = content_tokens(sentence)
        return len(wanted & words) + 2 * len(new & words)

    ranked = []
    for n, hit in enumerate(hits, start=1):
        scored = [(score(s), i, s) for i, s in enumerate(sentences(hit.text)) if not s.endswith(":")]
        best = max((sc for sc, _, _ in scored), default=0)
        ranked.append((best, n, scored, hit.doc_id))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    # sources from several guides (a comparison): each guide's best source speaks, however it scores
    leaders = [r for i, r in enumerate(ranked) if r[3] not in {x[3] for x in ranked[:i]}]
    top = ranked[0][0] if ranked else 0
    lines: list[str] = []
    for entry in leaders + [r for r in ranked if r not in leaders]:
        best, n, scored, _ = entry
        if lines and entry not in leaders and (best == 0 or best < RELATIVE_MATCH * top):
            break
        picks = [s for sc, _, s in scored if sc == best][:2] if best else [s for _, _, s in scored[:2]]
        lines.extend(f"- {s.rstrip()} [{n}]" for s in picks)
        if len(lines) >= MAX_LINES:
            break
    return lines[:MAX_LINES]
