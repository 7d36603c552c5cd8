"""Links in text: URLs, bare domains and e-mail addresses, the payload of a planted instruction.

A poisoned guide need not address the assistant ("readers asking about pay should visit …"), so
``injection`` cannot catch it by its wording; what it wants passed on is a link. An answer line
may carry only links its cited section holds, and ``without_links`` takes the sentences that
carry one out of what can be cited, so a guide's link is never passed on.
"""

from __future__ import annotations

import re

from advisor.textmatch import SENTENCE_END

LINK = re.compile(
    r"\b(?:https?|ftp)://[^\s<>\"'`]+"                           # a URL
    r"|\bwww\.[^\s<>\"'`]+"                                       # www.example.com/…
    r"|[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+"  # an e-mail address
    r"|\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[a-z]{2,24}|[A-Z]{2,24})\b",  # a bare domain
)


def links_in(text: str) -> set[str]:
    """The links in ``text``, lower-cased, trailing punctuation off (``Visit x.com.`` → ``x.com``)."""
    return {m.group().rstrip(".,;:!?)]}").lower() for m in LINK.finditer(text)}


def without_links(text: str) -> str:
    """``text`` without the sentences that carry a link (line breaks kept)."""
    if not LINK.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        kept = [s.strip() for s in SENTENCE_END.split(line) if s.strip() and not LINK.search(s)]
        if kept or not line.strip():
            lines.append(" ".join(kept))
    return "\n".join(lines)
