"""Split sections into chunks the embedding model reads whole.

all-MiniLM-L6-v2 truncates at 256 word pieces, so each chunk — with the role and heading
path we prepend for context — is measured with the model's own tokenizer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from langchain_text_splitters import RecursiveCharacterTextSplitter
from transformers import PreTrainedTokenizerBase

from advisor.textmatch import sentences
from ingest.sections import Section

SPECIAL_TOKENS = 2  # [CLS] and [SEP]


@dataclass(frozen=True)
class Unit:
    """A piece of a section that is embedded and stored: the context line, a blank line, then its text."""

    section: Section
    index: int
    text: str
    KIND: ClassVar[str] = ""  # marks the kind of unit in its id: "s" for sentences

    @property
    def chunk_id(self) -> str:
        return f"{self.section.section_id}::{self.KIND}{self.index}"

    @property
    def embed_text(self) -> str:
        return f"{context_line(self.section)}\n\n{self.text}"


@dataclass(frozen=True)
class Chunk(Unit):
    count: int = 1


@dataclass(frozen=True)
class Sentence(Unit):
    """One sentence or bullet of a section, embedded on its own: a question worded like one line of
    a long section ("can I work from home?" against a Benefits bullet on remote work) matches that
    line far better than the whole section's vector."""

    KIND: ClassVar[str] = "s"


def section_sentences(section: Section) -> list[Sentence]:
    """The section's sentences as ``textmatch.sentences`` splits them (the unit trimming and
    citation checks read too), so a sentence's index names the same line everywhere."""
    return [Sentence(section, i, text) for i, text in enumerate(sentences(section.text))]


def context_line(section: Section) -> str:
    return f"{section.role} — {section.heading}"


def count_tokens(tokenizer: PreTrainedTokenizerBase, text: str) -> int:
    """Word pieces including [CLS]/[SEP]: exactly what the model sees."""
    return len(tokenizer.encode(text, add_special_tokens=True, truncation=False))


def chunk_section(section: Section, tokenizer: PreTrainedTokenizerBase, max_tokens: int) -> list[Chunk]:
    overhead = count_tokens(tokenizer, context_line(section) + "\n\n")
    budget = max(16, max_tokens - overhead - SPECIAL_TOKENS)
    if count_tokens(tokenizer, f"{context_line(section)}\n\n{section.text}") <= max_tokens:
        pieces = [section.text]
    else:
        splitter = RecursiveCharacterTextSplitter.from_huggingface_tokenizer(
            tokenizer,
            chunk_size=budget,
            chunk_overlap=budget // 8,
            separators=["\n- ", "\n", ". ", "; ", ", ", " ", ""],
            keep_separator="start",
        )
        pieces = [p.strip() for p in splitter.split_text(section.text) if p.strip()]
    return [Chunk(section, i, p, len(pieces)) for i, p in enumerate(pieces)]
