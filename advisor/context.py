"""Choose what the model reads: the sources a ``Query`` needs out of the gathered ``Evidence``,
each cut to the sentences that bear on the question.

Every prompt token costs the local model ~10 ms on 2 cores, so a section joins only when it adds
something the answer may need: the best match always; the outline of a broad question's topic
(which already gives each of its subsections' first sentence, so those subsections do not join
again); a further section when it is nearly as close, shares a word with what was searched, and
is not about a career level other than the one the question names.
"""

from __future__ import annotations

from advisor.evidence import Evidence
from advisor.injection import strip_instructions
from advisor.query import Query
from advisor.settings import Settings
from advisor.textmatch import content_tokens, role_words, sentences
from advisor.types import Hit
from advisor.vocabulary import levels_in


def model_context(query: Query, evidence: Evidence, settings: Settings) -> list[Hit]:
    """The sources the model reads, in order, the further ones shorter."""
    chosen = _for_comparison(query, evidence) if query.compares_roles else _for_question(query, evidence, settings)
    clean = [h.model_copy(update={"text": strip_instructions(h.text)}) for h in chosen[: settings.prompt_sources]]
    return [h if "/" not in h.section_id and query.wants_list
            else trim_hit(h, query.standalone, settings.source_chars if i == 0 else settings.later_source_chars)
            for i, h in enumerate(clean) if h.text.strip()]


def _for_comparison(query: Query, evidence: Evidence) -> list[Hit]:
    """Each side's two best sections."""
    return [h for g in query.roles for h in [h for h in evidence.hits if h.doc_id == g.doc_id][:2]]


def _for_question(query: Query, evidence: Evidence, settings: Settings) -> list[Hit]:
    hits = evidence.hits
    top, wanted = hits[0].similarity, content_tokens(evidence.search) - role_words(hits)
    outlined = {h.section_id for h in evidence.sections}  # only a broad question's topic has them
    return [h for i, h in enumerate(hits) if i == 0 or h.section_id == evidence.topic
            or (h.section_id not in outlined and not _other_level(h, query)
                and h.similarity >= top - settings.context_similarity_window
                and wanted & content_tokens(f"{h.heading} {h.text}"))]


def _other_level(hit: Hit, query: Query) -> bool:
    """A section about a career level the question does not ask about ("Mid-Level" pay for a
    question about starting pay); a question comparing levels wants them all."""
    named = levels_in(hit.heading)
    return bool(query.levels and named and not query.compares and set(named).isdisjoint(query.levels))


def trim_hit(hit: Hit, question: str, max_chars: int) -> Hit:
    """Keep the section's sentences in order, dropping the least relevant until it fits."""
    if len(hit.text) <= max_chars:
        return hit
    wanted = content_tokens(question) - role_words([hit])
    parts = sentences(hit.text)
    ranked = sorted(range(len(parts)), key=lambda i: (-len(wanted & content_tokens(parts[i])), i))
    keep, size = set(), 0
    for i in ranked:
        if size + len(parts[i]) + 3 > max_chars and keep:
            continue
        keep.add(i)
        size += len(parts[i]) + 3
    text = "\n".join(f"- {parts[i]}" if i else parts[i] for i in sorted(keep))
    return hit.model_copy(update={"text": text})
