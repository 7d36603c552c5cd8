"""The answer pipeline: question → retrieval → scope checks → provider → verified citations.

``Advisor.stream`` yields typed events (sources, token, citations, done) that the CLI, API, UI
and evals all consume; ``Advisor.ask`` collects them into one ``Answer``. Model text reaches
the user one verified line at a time: each line is checked against the retrieved sections
before it is shown.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from advisor import followup, profile as profile_advice, salary, scope
from advisor.citations import CitationBuilder
from advisor.injection import strip_instructions
from advisor.errors import ConfigError, InvalidQuestionError, ProviderBusyError, ProviderError, WageDataError
from advisor.prompts import answer_messages, is_model_refusal
from advisor.providers.base import GenerationRequest, Provider
from advisor.providers.extractive import NOTICE as EXTRACTIVE_NOTICE, ExtractiveProvider
from advisor.retrieval import Retriever
from advisor.settings import Settings
from advisor.textmatch import content_tokens, sentences
from advisor.types import Answer, Hit, Profile, StreamEvent, Timings, Turn
from advisor.wages import open_wages

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
TOPICS = "what the job is, skills and education, salaries, career growth, the job market and common challenges"


class Advisor:
    def __init__(self, settings: Settings, retriever: Retriever | None = None,
                 provider: Provider | None = None) -> None:
        from advisor.providers.registry import get_provider

        self.settings = settings
        self.retriever = retriever or Retriever(settings)
        self.provider = provider or get_provider(settings)
        self._covered_roles: set[str] | None = None
        self._corpus = ""

    # --- public API
    def ask(self, question: str, history: list[Turn] | None = None, profile: Profile | None = None) -> Answer:
        answer = None
        for event in self.stream(question, history, profile):
            if event.type == "done":
                answer = Answer.model_validate(event.data)
        assert answer is not None
        return answer

    def stream(self, question: str, history: list[Turn] | None = None,
               profile: Profile | None = None) -> Iterator[StreamEvent]:
        started = time.perf_counter()
        asked = validate_question(question)
        question = strip_instructions(asked).strip()
        history = list(history or [])
        query = salary.search_text(question)
        standalone, hits = self.retrieve(query, history) if question else (asked, [])
        timings = Timings(retrieve_ms=ms_since(started))

        official = self._official_pay(question, standalone, hits, profile) if question else None
        abroad = scope.foreign_pay(question) or (official and official.abroad)
        if abroad:
            log.info("refused before the model: pay outside the U.S. (%s)", abroad)
            yield from self._refusal(standalone, timings, started, why=salary.OUTSIDE_US.format(place=abroad))
            return
        reason = ("only instructions to the assistant, no question" if not question
                  else self._out_of_scope(query, hits, standalone))
        if reason and official and self._other_job(official, question):
            log.info("guides refuse (%s); answering from official wage data", reason)
            yield from self._official_only(official, standalone, timings, started)
            return
        if reason:
            log.info("refused before the model: %s", reason)
            yield from self._refusal(standalone, timings, started)
            return
        official_lines, wages = self._official_block(official, standalone, hits)
        sources = {h.section_id: h for h in hits}  # and what the official lines will cite, once each
        sources |= {h.section_id: h for _, cited in official_lines for h in cited if h.section_id not in sources}
        yield StreamEvent(type="sources", data=[h.model_dump() for h in sources.values()])

        context = self._context(hits, standalone)
        builder = CitationBuilder(list(context))
        lines: list[str] = []
        notice = EXTRACTIVE_NOTICE if not self.provider.uses_llm else None
        provider = self.provider
        refused_by_model = failed = False
        try:
            for line in self._generate(provider, question, standalone, context, history, builder):
                if line is REFUSED:
                    refused_by_model = True
                    break
                if timings.first_token_ms is None:
                    timings.first_token_ms = ms_since(started)
                lines.append(line)
                yield StreamEvent(type="token", data=line + "\n")
        except ProviderBusyError:
            raise
        except (ProviderError, ConfigError) as err:
            log.warning("provider %s failed, falling back to extractive: %s", provider.name, err)
            notice = f"The language model is unavailable ({err}). {EXTRACTIVE_NOTICE}"
            failed = True

        strong = max(h.similarity for h in hits) >= self.settings.confident_similarity
        if builder.cited_lines == 0 and provider.uses_llm and not failed and (refused_by_model or not strong) \
                and not official_lines:
            # the model declined, or said nothing the guides back, on weak evidence: not in the guides
            # (with official figures to give, the guides' own passages are given beside them instead)
            yield from self._refusal(standalone, timings, started, provider)
            return
        if builder.cited_lines == 0 and provider.uses_llm:
            # nothing the model said survived the checks: answer from the guides instead
            why = ("The model declined the question" if refused_by_model
                   else "The model's answer could not be verified against the guides")
            notice = notice or f"{why}. {EXTRACTIVE_NOTICE}"
            provider = ExtractiveProvider()
            builder = CitationBuilder(list(context))
            lines = []
            for line in self._generate(provider, question, standalone, context, history, builder):
                if timings.first_token_ms is None:
                    timings.first_token_ms = ms_since(started)
                lines.append(line)
                yield StreamEvent(type="token", data=line + "\n")

        if not lines:
            yield from self._refusal(standalone, timings, started, provider)
            return
        official_text = ["", *cite_all(official_lines, builder)] if official_lines else []
        for line in self._profile_lines(profile, question, hits, builder) + official_text:
            lines.append(line)
            yield StreamEvent(type="token", data=line + "\n")

        yield from self._finish(timings, started, answer="\n".join(lines).strip(), citations=builder.citations(),
                                provider=provider.name if provider.uses_llm else "extractive",
                                model=provider.model, standalone_question=standalone, notice=notice, wages=wages)

    # --- steps
    @staticmethod
    def search_text(question: str) -> str:
        """What retrieval sees of a question: no planted instructions, no words about the sources."""
        return salary.search_text(strip_instructions(question).strip())

    def retrieve(self, question: str, history: list[Turn], k: int | None = None) -> tuple[str, list[Hit]]:
        """(stand-alone question, ranked sections)."""
        hits = self.retriever.search_many(followup.retrieval_queries(question, history), k)
        return followup.standalone_question(question, history), hits

    def _weak(self, question: str, hits: list[Hit]) -> str | None:
        s = self.settings
        return scope.lacks_evidence(question, hits, s.refusal_floor, s.refusal_threshold, s.keyword_coverage_min)

    def _out_of_scope(self, question: str, hits: list[Hit], standalone: str | None = None) -> str | None:
        """Why the guides can't answer, or None. A follow-up ("what do they earn?") keeps the job its
        conversation is about: the role check reads the stand-alone question."""
        if not hits:
            return "no retrieval results"
        if weak := self._weak(question, hits):
            return weak
        corpus, covered = self._guides()
        if years := scope.unknown_years(question, corpus):
            return f"asks about {', '.join(years)}, which no guide mentions"
        if role := scope.uncovered_role(standalone or question, covered):
            return f"asks about {role!r}, which no guide covers"
        return None

    def _official_pay(self, question: str, standalone: str, hits: list[Hit],
                      profile: Profile | None) -> salary.OfficialPay | None:
        """The official wage lookup a pay question calls for; None for other questions, or when the
        wage data cannot be opened (the answer then comes from the guides alone, and the log says why)."""
        if not salary.asks_pay(standalone):
            return None
        try:
            return salary.plan(open_wages(self.settings), question, standalone, hits[0].role if hits else None,
                               profile)
        except WageDataError as err:
            log.warning("official wage data unavailable, answering from the guides only: %s", err)
            return None

    def _other_job(self, official: salary.OfficialPay, question: str) -> bool:
        """The guides refused a pay question that names a job they don't cover and that OEWS knows
        (not one asking about a year or a role the guides do cover: those stay refused)."""
        if not (official.named and official.lookup.ok):
            return False
        corpus, covered = self._guides()
        return not scope.unknown_years(question, corpus) and not scope.mentions_covered_role(official.named, covered)

    def _guides(self) -> tuple[str, set[str]]:
        """(all guide text, the roles the guides cover), read once."""
        if self._covered_roles is None:
            self._corpus = self.retriever.corpus_text()
            self._covered_roles = scope.covered_roles(self.retriever.roles(), self._corpus)
        return self._corpus, self._covered_roles

    def _official_block(self, official: salary.OfficialPay | None, question: str,
                        hits: list[Hit]) -> tuple[list[salary.Line], dict | None]:
        """Official-data lines (with the guide bands they are set against) and the chart figures."""
        if official is None:
            return [], None
        outline = self.retriever.outline()
        bands = [(slug, band) for slug in official.bands_wanted(question)
                 if (sid := profile_advice.band_section_id(outline, hits[0].doc_id, slug))
                 and (band := self.retriever.section_hit(sid))]
        return official.block(bands)

    def _official_only(self, official: salary.OfficialPay, standalone: str, timings: Timings,
                       started: float) -> Iterator[StreamEvent]:
        """A pay question about a job no guide covers, answered from the official figures alone."""
        block, wages = official.block([])
        yield StreamEvent(type="sources", data=[h.model_dump() for _, cited in block for h in cited])
        builder = CitationBuilder([])
        lines = ["My guides don't cover this occupation, but the official U.S. wage data does.",
                 *cite_all(block, builder)]
        timings.first_token_ms = ms_since(started)
        for line in lines:
            yield StreamEvent(type="token", data=line + "\n")
        yield from self._finish(timings, started, answer="\n".join(lines), citations=builder.citations(),
                                provider="bls-oews", model=official.lookup.citation["title"],
                                standalone_question=standalone, wages=wages)

    def _context(self, hits: list[Hit], question: str) -> list[Hit]:
        """The sources the model reads: the strongest few, each trimmed to what bears on the question."""
        s = self.settings
        top = hits[0].similarity
        chosen = [h for i, h in enumerate(hits) if i == 0 or h.similarity >= top - s.context_similarity_window]
        clean = [h.model_copy(update={"text": strip_instructions(h.text)}) for h in chosen[: s.prompt_sources]]
        return [trim_hit(h, question, s.source_chars) for h in clean if h.text.strip()]

    def _generate(self, provider: Provider, question: str, standalone: str, context: list[Hit],
                  history: list[Turn], builder: CitationBuilder) -> Iterator[str | object]:
        """Verified lines as the provider produces them; REFUSED at the end if the model said the
        sources lack the answer and nothing it said could be verified."""
        messages = answer_messages(question, context, history) if provider.uses_llm else []
        request = GenerationRequest(question=standalone, focus=question, hits=context, messages=messages,
                                    max_tokens=self.settings.max_answer_tokens)
        buffer, emitted, declined = "", False, False
        for piece in provider.stream(request):
            buffer += piece
            while "\n" in buffer:
                raw, buffer = buffer.split("\n", 1)
                line, said_no = self._verify(raw, builder)
                declined |= said_no
                if line:
                    emitted = True
                    yield line
        line, said_no = self._verify(buffer, builder)
        declined |= said_no
        if line:
            emitted = True
            yield line
        if declined and not emitted:
            yield REFUSED

    @staticmethod
    def _verify(raw: str, builder: CitationBuilder) -> tuple[str | None, bool]:
        """(verified line or None, whether the line is the model declining)."""
        if raw.strip() and is_model_refusal(raw):
            return None, True
        return builder.check_line(raw), False

    def _profile_lines(self, profile: Profile | None, question: str, hits: list[Hit],
                       builder: CitationBuilder) -> list[str]:
        if profile is None:
            return []
        outline = self.retriever.outline()
        doc_id = hits[0].doc_id
        lines: list[str] = []
        if profile.years_experience is not None and profile_advice.wants_salary(question):
            sid = profile_advice.band_section_id(outline, doc_id, profile_advice.band_for(profile.years_experience))
            if sid and (band := self.retriever.section_hit(sid)):
                lines += ["", "For your profile:", builder.cite_fixed(profile_advice.band_line(profile, band), band),
                          profile_advice.BAND_NOTE]
        if profile.skills and profile_advice.wants_skills(question):
            reqs = [h for sid in profile_advice.requirement_section_ids(outline, doc_id)
                    if (h := self.retriever.section_hit(sid))]
            pairs = profile_advice.skills_lines(profile, reqs)
            if pairs:
                lines += ["", "Your skills against the guide's requirements:"]
                lines += [builder.cite_fixed(text, hit) for text, hit in pairs]
        return lines

    def _refusal(self, standalone: str, timings: Timings, started: float,
                 provider: Provider | None = None, why: str | None = None) -> Iterator[StreamEvent]:
        roles = ", ".join(sorted(self.retriever.roles())) or "the roles in my guides"
        why = why or "I don't know: my guides don't cover that."
        text = f"{why} I can help with the {roles} role: {TOPICS}."
        yield StreamEvent(type="token", data=text + "\n")
        provider = provider or self.provider
        yield from self._finish(timings, started, answer=text, citations=[], refused=True, provider=provider.name,
                                model=provider.model, standalone_question=standalone)

    @staticmethod
    def _finish(timings: Timings, started: float, **answer: object) -> Iterator[StreamEvent]:
        """The closing events of every answer, refusals included: its citations, then the whole Answer."""
        timings.total_ms = ms_since(started)
        done = Answer(timings=timings, **answer)
        yield StreamEvent(type="citations", data=[c.model_dump() for c in done.citations])
        yield StreamEvent(type="done", data=done.model_dump())


REFUSED = object()


def cite_all(lines: list[salary.Line], builder: CitationBuilder) -> list[str]:
    """Rule-built lines: cited to their sources, or as they are when they are framing."""
    return [builder.cite_fixed(text, *cited) if cited else text for text, cited in lines]


def validate_question(question: object) -> str:
    if not isinstance(question, str) or not question.strip():
        raise InvalidQuestionError("The question is empty: ask something about a tech career.")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestionError(f"The question is too long ({len(question)} characters; the limit is {MAX_QUESTION_CHARS}).")
    cleaned = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t")
    if not cleaned.strip():
        raise InvalidQuestionError("The question has no readable text.")
    return cleaned.strip()


def trim_hit(hit: Hit, question: str, max_chars: int) -> Hit:
    """Keep the section's sentences in order, dropping the least relevant until it fits."""
    if len(hit.text) <= max_chars:
        return hit
    wanted = content_tokens(question)
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


def ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
