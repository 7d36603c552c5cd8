"""Build the chat messages: a fixed prefix (the system line and the rules, byte-identical for
every question, so llama.cpp's prompt cache skips them), then the sources, the question and a
one-line reminder of the rules.

The 1.5B model follows instructions placed after the sources far better than rules in the
system prompt alone (see shared/notes/local-llm.md): the reminder keeps the shape of the answer
last. Retrieved and user text are fenced and escaped so that they can't close the fences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from advisor.types import Hit, Turn

MODEL_REFUSAL = "The guides do not cover this."
FENCE_TAGS = re.compile(r"</?\s*(source|sources|question|history)\b[^>]*>", re.I)


@cache
def template(name: str) -> str:
    return resources.files("advisor").joinpath("prompts", name).read_text()


def fence_safe(text: str) -> str:
    """Neutralise anything that looks like our own delimiters inside untrusted text."""
    return FENCE_TAGS.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)


def format_sources(hits: list[Hit]) -> str:
    return "\n".join(
        f'<source id="{n}" section="{fence_safe(h.heading)}">\n{fence_safe(h.text)}\n</source>'
        for n, h in enumerate(hits, start=1)
    )


def format_history(history: list[Turn], max_chars: int = 400) -> str:
    if not history:
        return ""
    turns = "\n".join(f"{t.role}: {fence_safe(t.content[:max_chars])}" for t in history[-2:])
    return f"\nEarlier in this chat (context for the question only):\n<history>\n{turns}\n</history>\n"


@dataclass(frozen=True)
class AnswerShape:
    """How long an answer the question needs: a list question gets every item its sources give."""

    wants_list: bool = False
    compares: bool = False
    yes_no: bool = False

    @property
    def length_rule(self) -> str:
        if self.compares:
            return "Write short bullet points that give each side of the comparison its own figures or facts"
        if self.wants_list:
            return "Write one short bullet point for each item the sources list that answers the question, with no repeats"
        if self.yes_no:
            return "Answer yes or no, then give the facts from the sources behind it in 1 to 4 short bullet points"
        return "Write 1 to 4 short bullet points"


def answer_messages(question: str, hits: list[Hit], history: list[Turn],
                    shape: AnswerShape = AnswerShape()) -> list[dict[str, str]]:
    user = template("answer.txt").format(
        sources=format_sources(hits), history=format_history(history),
        question=fence_safe(question), refusal=MODEL_REFUSAL, length=shape.length_rule,
    )
    return [{"role": "system", "content": template("system.txt").strip()}, {"role": "user", "content": user}]


REFUSAL_PHRASES = (
    MODEL_REFUSAL.lower().rstrip("."), "do not cover", "don't cover", "does not cover", "doesn't cover",
    "not covered", "do not mention", "does not mention", "doesn't mention", "not mentioned", "no information",
    "do not provide", "does not provide", "doesn't provide", "not specified", "do not contain", "does not contain",
)


def without_refusal(text: str) -> tuple[str, bool]:
    """(the line without our refusal sentence, whether the model declined). A 1.5B model sometimes
    ends a real answer with the refusal sentence ("No, a PhD is not required [1]. The guides do not
    cover this."): the answer part is kept for verification, the decline is still reported. A bare
    "Yes" or "No" counts as a decline when nothing the model says after it stands: the guides' own
    sentences then answer, on the evidence a decline needs."""
    if BARE_REPLY.match(text):  # "Yes." with nothing after: no answer yet, and nothing to verify
        return "", True
    if not is_model_refusal(text):
        return text, False
    rest = re.sub(re.escape(MODEL_REFUSAL.rstrip(".")) + r"\.?", " ", text, flags=re.I)
    rest = re.sub(r"\[\d+\]\s*(?=\[\d+\]|$)", "", rest.strip())  # a marker left with nothing to mark
    return ("" if is_model_refusal(rest) or len(rest.split()) < MIN_ANSWER_WORDS else rest), True


MIN_ANSWER_WORDS = 4
BARE_REPLY = re.compile(r"^\W*(?:yes|no|yeah|yep|nope)\W*(?:\[\d+\]\W*)*$", re.I)


def is_model_refusal(text: str) -> bool:
    """The model saying the sources lack the answer, in our words or close to them."""
    flat = " ".join(text.lower().replace("’", "'").split())
    return flat.startswith(("i don't know", "i do not know")) or any(p in flat for p in REFUSAL_PHRASES)
