"""Follow-up questions: detect them and give retrieval a query that stands on its own.

Rewriting with the 1.5B model would cost seconds per turn on a 2-core CPU; searching with the
question alone and with the previous question prepended, then fusing, finds the right section
("and at senior level?" after a salary question → the senior band) at no model cost.
"""

from __future__ import annotations

import re

from advisor.textmatch import content_tokens, sentences
from advisor.types import Turn
from advisor.vocabulary import OPENER, ROLE_REFERENCE

CONNECTOR = re.compile(r"^\s*(and|or|but|also|what about|how about|same|then|so|what if|is that|are those)\b", re.I)
# words that point back at an earlier turn ("that", "the hardware side", "which ones")
ANAPHORA = re.compile(r"\b(it|that|this|those|these|they|them|there|its|their|such|side|part|aspect|ones?|then)\b", re.I)
# words that point back however long the question: "which other framework … besides those two?",
# "how does that compare with …?"
POINTS_BACK = re.compile(r"\b(?:those|these)\s+(?:two|three|four|both)\b"
                         r"|\b(?:besides|other than|apart from|except(?:\s+for)?)\s+(?:those|these|that|them|it)\b"
                         r"|\b(?:how|what)\s+(?:does|do|would)\s+(?:that|this|it|those|these)\s+compare\b", re.I)
# asks for more of something said before: "what kind of writing tho?", "… would i be doing, specifically?"
NARROWS = re.compile(r"(?:,\s*|\b)(?:specifically|exactly|precisely|in particular|tho|though)\s*[?.!]*\s*$", re.I)
# a time, not an earlier turn: "what's trending these days?"
NOW = re.compile(r"\b(?:these days|this year|right now|at the moment|at this point|these times)\b", re.I)
SHORT_WORDS = 6
QUESTION_WORD = re.compile(r"^\s*(what|which|who|where|when|why|how|is|are|do|does|can|should|will|would|"
                           r"tell|give|list|show|explain|describe|name)\b", re.I)
ANAPHORA_WORDS = 12
MAX_HISTORY_TURNS = 12  # what question parsing reads of a conversation: its latest turns…
MAX_TURN_CHARS = 2000  # …each cut to a question's length (the API accepts 40 turns of 8,000)
MAX_PREVIOUS_CHARS = 500  # of the question a follow-up follows (real ones are < 200)


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# an item of the last answer, by its place: "the last one", "the second point", "number 3"
POINTED = re.compile(rf"(?:\b(?:the|that|this)\s+(?:very\s+)?(?P<word>{'|'.join(ORDINALS)}|last|final|"
                     r"(?P<digit>\d{1,2})(?:st|nd|rd|th))\s+(?:one|item|point|option|bullet|path|thing|bit|entry)"
                     r"|(?:\bnumber|\bno\.|#)\s*(?P<number>\d{1,2}))\b", re.I)
# an item of the last answer, by a word of its own: "the finance one"
LABELLED = re.compile(r"\bthe\s+(?!(?:same|other|next|previous|only|right|best|first|last|final|new|old|main)\b)"
                      r"(?P<label>[a-z][\w-]{2,})\s+one\b", re.I)
PLUS = re.compile(r",?\s+(?:plus|as well as|along with)\s+", re.I)  # what joins two items of a list with commas of their own
CITATION_MARK = re.compile(r"\s*\[\d+\]")
LISTED = re.compile(r"^(?:.*?\b(?:include|includes|including|are|such as)\b|[^:]*:)\s*", re.I)


def pointed_at(question: str, history: list[Turn]) -> str:
    """``question`` with "the last one", "the second point" … written as that item of the last answer
    (its bullets, else the list its sentence gives): "tell me more about the last one" after "Options
    include Research and Development, …, and Natural Language Processing (NLP)." asks about NLP."""
    found = POINTED.search(question)
    answer = _last_answer(history) if found else None
    items = _items(answer) if answer else []
    if not found or not items:
        return question
    word, digit = (found.group("word") or "").lower(), found.group("digit") or found.group("number")
    place = len(items) if word in ("last", "final") else int(digit) if digit else ORDINALS.index(word) + 1
    return question if not 1 <= place <= len(items) else (
        question[:found.start()] + items[place - 1] + question[found.end():])


def _last_answer(history: list[Turn]) -> str | None:
    return next((t.content for t in reversed(history) if t.role == "assistant"), None)


def names_an_item(question: str, history: list[Turn]) -> bool:
    """``question`` points at an item of the last answer by a word of its own: "what would I be building
    if I went into the finance one?" after "… technology, healthcare, finance …" follows it, however long."""
    found = LABELLED.search(question)
    answer = _last_answer(history) if found else None
    return bool(answer and re.search(rf"\b{re.escape(found.group('label'))}\b", answer, re.I))


def _items(answer: str) -> list[str]:
    """What an answer lists: its bullet lines, else the items of its first list ("A, B, and C")."""
    lines = [CITATION_MARK.sub("", line.strip()[1:]).strip() for line in answer.splitlines()
             if line.strip().startswith(("-", "*", "•"))]
    if len(lines) >= 2:
        return lines
    listing = next((s for s in sentences(answer) if s.count(",") >= 2 or PLUS.search(s)), "")
    listing = LISTED.sub("", listing.rstrip(".!?"))
    # "A and B, plus the ability to clean, transform and normalize data": two items, each as said
    pieces = PLUS.split(listing) if PLUS.search(listing) else listing.split(",")
    return [p for p in (re.sub(r"^(?:and|or)\s+", "", p.strip()) for p in pieces) if p]


def recent(history: list[Turn]) -> list[Turn]:
    """The turns question parsing reads (roles, follow-ups, pay lookups), so that a long history costs
    no more to parse than a few questions do."""
    return [t if len(t.content) <= MAX_TURN_CHARS else t.model_copy(update={"content": t.content[:MAX_TURN_CHARS]})
            for t in history[-MAX_HISTORY_TURNS:]]


def previous_question(history: list[Turn]) -> str | None:
    """The last question asked, as much of it as a follow-up's search and pay lookup read."""
    return next((t.content[:MAX_PREVIOUS_CHARS] for t in reversed(history) if t.role == "user" and t.content.strip()),
                None)


def is_follow_up(question: str, history: list[Turn]) -> bool:
    """A question that continues the last one: it starts like a continuation ("and …", "what about
    …"), points back ("that", "they") or asks for more ("… tho?", "…, specifically?"), or is too
    short to stand alone ("which frameworks?"). A short question with a question word and two words
    of its own ("which programming languages should I learn?", "is a PhD required?") stands alone."""
    if previous_question(history) is None:
        return False
    question = OPENER.sub("", question)  # "ok and …" continues as "and …" does
    words = len(question.split())
    own = NOW.sub(" ", ROLE_REFERENCE.sub(" ", question))  # "this job": the guide's role, not the last turn
    own = re.sub(r"\bIT\b", " ", own)  # "an IT help desk background": information technology, not "it"
    if (CONNECTOR.match(question) or (words <= ANAPHORA_WORDS and (ANAPHORA.search(own) or NARROWS.search(own)))
            or POINTS_BACK.search(own) or names_an_item(question, history)):
        return True
    return words <= SHORT_WORDS and not (QUESTION_WORD.match(question) and len(content_tokens(question)) >= 2)


def standalone_question(question: str, history: list[Turn]) -> str:
    """What we search for and show: the question, with the turn it follows when it is a follow-up."""
    if not is_follow_up(question, history):
        return question.strip()
    return f"{previous_question(history).strip()} {question.strip()}"


def retrieval_queries(question: str, history: list[Turn]) -> list[str]:
    """Queries whose rankings are fused. For a follow-up: the stand-alone form, and one where the
    new words count twice, so "what about mid-career?" reaches the mid band, not the senior one.
    (Measured on 15 follow-ups: all expected sections in the top 5, against 12 to 14 for the bare
    follow-up, the stand-alone form alone, or fusions that include the bare follow-up.)"""
    if not is_follow_up(question, history):
        return [question.strip()]
    q = question.strip()
    return [standalone_question(q, history), f"{q} {q} {previous_question(history).strip()}"]
