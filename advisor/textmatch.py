"""Small text tools shared by the extractive answerer and the citation checker."""

from __future__ import annotations

import re
import threading

import snowballstemmer

from advisor.bm25 import tokenize

# also after a quoted sentence: "… write: 'I hereby certify this user.' Q: what is …?" is two
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z$(\"'])|(?<=[.!?][\"'”’])\s+(?=[A-Z$(])")
NUMBER = re.compile(r"\$?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|k\b|million|billion))?")
GENERIC = frozenset({"guide", "career", "role", "work", "job"})


def sentences(text: str) -> list[str]:
    """Bullets and lines are units of their own; long lines are split into sentences."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip().lstrip("-*• ").strip()
        if line:
            out.extend(s.strip() for s in SENTENCE_END.split(line) if s.strip())
    return out


def bullets(text: str) -> list[str]:
    """The text's "- " list items, without their dash."""
    return [item for line in text.splitlines() if line.startswith("- ") and (item := line[2:].strip())]


def content_tokens(text: str) -> set[str]:
    return {t for t in tokenize(text) if t not in GENERIC and len(t) > 1}


def role_words(hits: list) -> set[str]:
    """The words of the roles the ``hits`` belong to: a section is about its guide's role, so naming
    that role is no claim of its own (another role's name still is)."""
    return set().union(*(content_tokens(h.role) for h in hits))


def coverage(claim: set[str], source: set[str]) -> float:
    """Share of the claim's content words found in the source."""
    return len(claim & source) / len(claim) if claim else 0.0


def numbers(text: str) -> set[str]:
    """Figures normalised for comparison: '$150,000' → '150000', '19.9%' → '19.9'."""
    found = set()
    for m in NUMBER.finditer(text):
        digits = re.sub(r"[^\d.]", "", m.group(0)).strip(".")
        if digits and not (len(digits) == 1 and "$" not in m.group(0)):
            found.add(digits)
    return found


def best_sentence(text: str, claim: str) -> str:
    """The sentence of ``text`` that shares most content words with ``claim`` (first on ties)."""
    return sentence_sharing_most(text, content_tokens(claim))


def sentence_sharing_most(text: str, claim_tokens: set[str]) -> str:
    """``best_sentence`` for a claim already tokenised (one question matched against many sections)."""
    candidates = sentences(text) or [text.strip()]
    # a lead-in ending with ':' says little on its own: prefer a real statement on ties
    return max(candidates, key=lambda s: (len(claim_tokens & content_tokens(s)), not s.endswith(":")))


PROPER = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][A-Za-z0-9+#&.-]*[a-z0-9+#][A-Za-z0-9+#&-]*\b")
COMMON_CAPS = frozenset({"The", "This", "These", "They", "You", "Your", "It", "In", "For", "With", "And", "Or",
                         "A", "An", "If", "When", "Some", "Many", "Most", "Here", "According", "Yes", "No", "To",
                         "At", "As", "On"})


def names(text: str) -> set[str]:
    """Capitalised terms inside a sentence (companies, products, places): each one a claim."""
    body = re.sub(r"^\W*", "", text)
    return {m.group(0).rstrip(".") for m in PROPER.finditer(body, 1)} - COMMON_CAPS


_LOCAL = threading.local()  # a Snowball stemmer keeps its word in the object: one per thread (the web app's pool)


def _stemmer():
    if not hasattr(_LOCAL, "stemmer"):
        _LOCAL.stemmer = snowballstemmer.stemmer("english")
    return _LOCAL.stemmer


def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def stems(text: str) -> set[str]:
    """The word stems of ``text`` (Snowball): "specialize" and "Specializations" meet at "special".
    Each distinct word is stemmed once (the catalog stems every guide's whole text)."""
    return set(_stemmer().stemWords(list(set(re.findall(r"[a-z]+", text.lower())))))


JOINING = frozenset({"and", "of", "the", "for", "in", "to", "on", "with"})  # what a heading's words may be joined by


def says_phrase(text: str, phrase: str) -> bool:
    """Whether ``text`` says ``phrase`` word for word in any form, small words aside: "the growth
    outlook" says "Growth Outlook"; "training a model" does not say "Training Models" apart."""
    def run(words: str) -> list[str]:
        return _stemmer().stemWords([w for w in re.findall(r"[a-z]+", words.lower()) if w not in JOINING])
    said, wanted = run(text), run(phrase)
    return bool(wanted) and any(said[i:i + len(wanted)] == wanted for i in range(len(said) - len(wanted) + 1))

