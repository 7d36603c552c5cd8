"""The answer pipeline, stage by stage:

1. understand (``advisor.query``): the question as a typed ``Query`` — roles, levels, pay, list…
2. gather (``advisor.evidence``): the sections that query asks for;
3. decide (``advisor.decide``): refuse with a reason, ask which role, official data only, or answer;
4. generate (here): the model's lines, each verified against its sources as it streams, led by the
   guide's closest sentence when the question asks one thing, and a broad question's outline completed;
5. compose (here): rule-built profile and official-wage lines, then one ``Answer``.

``Advisor.stream`` yields typed events (sources, token, citations, done) that the CLI, API, UI
and evals all consume; ``Advisor.ask`` collects them into one ``Answer``.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from advisor import followup, occupations, profile as profile_advice, salary, scope
from advisor.citations import CitationBuilder, speaks_of_pay
from advisor.context import model_context
from advisor.decide import ModelOutcome, after_model, asks_of_the_job, decide, outlined
from advisor.embeddings import get_tokenizer
from advisor.errors import (ConfigError, InvalidQuestionError, OccupationDataError, ProviderBusyError, ProviderError,
                            WageDataError)
from advisor.evidence import Evidence, gather
from advisor.guides import Catalog, Guide, parent_id
from advisor.presentation import preview
from advisor.prompts import AnswerShape, answer_messages, without_refusal
from advisor.providers.base import GenerationRequest, Provider
from advisor.providers.extractive import NOTICE as EXTRACTIVE_NOTICE, ExtractiveProvider
from advisor.query import Query, titled, understand, without_roles
from advisor.retrieval import Retriever
from advisor.settings import Settings
from advisor.textmatch import content_tokens, numbers, stems
from advisor.types import MAX_TURNS, Answer, Hit, Profile, StreamEvent, Timings, Turn, final_answer
from advisor.vocabulary import COUNTED_TOPICS, HEDGES, JOB_FIGURE, LEVELS, RATE, VAGUE, YEAR, about_the_guide, only_vague, paraphrased
from advisor.oews.lookup import WageData
from advisor.oews.package import open_wages
from advisor.onet.data import OccupationData, open_occupations

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
# The model is stopped after this many answer lines in a row fail verification: it is then writing
# from its own knowledge (a runaway list of tools no source names), and each line costs ~1 s of decoding.
MAX_FAILED_IN_A_ROW = 6
MIN_GROUNDED_WORDS = 3  # a shorter model line ("Yes.", "Python") is no claim to ground
MAX_COMPLETED_FROM = 2  # an answer citing more sections is broad: none of them is completed
MAX_SIDE_ITEMS = 4  # a compared role the model said nothing of: the first sentences of its best section
BEST_DRAWN = 3  # a second section an answer to two questions drew on, ranked this high, is completed too
LEAD_WINDOW = 0.03  # a sentence of retrieval's best section this close to the closest of all leads instead
RUNNER_UP_WINDOW = 0.08  # a second section this close to the best answers a one-thing question too
TOPICS = "what the job is, skills and education, salaries, career growth, the job market and common challenges"


class Advisor:
    """The answer pipeline: understand → gather → decide → generate → compose."""

    def __init__(self, settings: Settings, retriever: Retriever | None = None, provider: Provider | None = None,
                 wages: Callable[[], WageData] | None = None,
                 occupations: Callable[[], OccupationData] | None = None) -> None:
        """Each part can be given (tests, a host app); by default it is built from ``settings``.
        ``wages`` opens the official wage data when a pay question first needs it, ``occupations``
        the O*NET data when a question first names an occupation."""
        from advisor.providers.registry import get_provider

        self.settings = settings
        self.retriever = retriever or Retriever(settings)
        self.provider = provider or get_provider(settings)
        self.open_wages = wages or partial(open_wages, settings)
        self.open_occupations = occupations or partial(open_occupations, settings)
        self._catalog: tuple[str, Catalog] | None = None  # with the index version it was read from

    # --- public API
    def ask(self, question: str, history: list[Turn] | None = None, profile: Profile | None = None) -> Answer:
        return final_answer(self.stream(question, history, profile))

    def stream(self, question: str, history: list[Turn] | None = None,
               profile: Profile | None = None) -> Iterator[StreamEvent]:
        started = time.perf_counter()
        query = self.understand(validate_question(question), history)
        evidence = self.gather(query) if query.asked else Evidence(hits=[])
        official = self._official_pay(query, evidence, profile)
        occupation = self._occupation_question(query)
        timings = Timings(retrieve_ms=ms_since(started))
        decision = decide(query, evidence, official, self.catalog, self.settings, occupation)
        if decision.action == "answer":
            yield from self._answer(query, evidence, official, profile, timings, started)
            return
        log.info("%s before the model: %s", decision.action, decision.reason)
        if decision.action == "official_only":
            yield from self._official_only(official, query.standalone, timings, started)
        elif decision.action == "occupation":
            yield from self._occupation_answer(occupation, query, profile, timings, started)
        elif decision.action == "clarify":
            yield from self._say(decision.message, query.standalone, timings, started)
        else:
            yield from self._refusal(query.standalone, timings, started, why=decision.message)

    # --- stages
    @property
    def catalog(self) -> Catalog:
        """What the indexed guides cover: read once, and again when the retriever's index changes."""
        version = self.retriever.version
        if self._catalog is None or self._catalog[0] != version:
            known = frozenset(w for w in get_tokenizer(self.settings).get_vocab() if w.isalpha())
            self._catalog = (version, Catalog(self.retriever.documents(), self.retriever.all_sections(), known))
        return self._catalog[1]

    def understand(self, question: str, history: list[Turn] | None = None) -> Query:
        return understand(question, (history or [])[-2 * MAX_TURNS:], self.catalog)

    def gather(self, query: Query, k: int | None = None) -> Evidence:
        return gather(query, self.retriever, self.catalog, k)

    def _official_pay(self, query: Query, evidence: Evidence, profile: Profile | None) -> salary.OfficialPay | None:
        """The official wage lookup a pay question calls for; None for other questions, a comparison
        of roles (each guide's own band answers it), or when the wage data cannot be opened (the
        answer then comes from the guides alone, and the log says why)."""
        if not query.pay or query.compares_roles or not query.asked:
            return None
        role = query.roles[0].role if query.roles else (evidence.hits[0].role if evidence.hits else None)
        try:
            others = tuple(g.role for g in self.catalog.guides if g.role != role)
            return salary.plan(self.open_wages(), query.asked, query.standalone, role, profile, others)
        except WageDataError as err:
            log.warning("official wage data unavailable, answering from the guides only: %s", err)
            return None

    def _occupations(self) -> OccupationData | None:
        """The O*NET data, or None when its files are missing or corrupt (logged with the fix)."""
        try:
            return self.open_occupations()
        except OccupationDataError as err:
            log.error("O*NET occupation data unavailable, occupation questions are refused: %s", err)
            return None

    def _occupation_question(self, query: Query) -> occupations.OccupationQuestion | None:
        """The O*NET occupations a question names (what it asks of them), or None."""
        if not query.asked or (data := self._occupations()) is None:
            return None
        return occupations.read_question(data, query.asked)

    def _answer(self, query: Query, evidence: Evidence, official: salary.OfficialPay | None,
                profile: Profile | None, timings: Timings, started: float) -> Iterator[StreamEvent]:
        """A guide answer: sources, verified model lines (or the guides' own), then rule-built lines."""
        hits = evidence.hits
        official_lines, wages = self._official_block(official, query.standalone, hits)
        official_lines += self._onet_lines(query, hits, official_lines)
        sources = {h.section_id: h for h in (*hits, *evidence.sections)}  # and what official lines cite, once each
        sources |= {h.section_id: h for _, cited in official_lines for h in cited if h.section_id not in sources}
        yield StreamEvent(type="sources", data=preview(list(sources.values()), query.asked))

        context = model_context(query, evidence, self.settings)
        roles = {g.doc_id: g.pattern for g in self.catalog.guides}  # by any alias: "NN Engineers" is no invented title
        builder = CitationBuilder(list(context), self.settings.strict_claims, list(evidence.sections), query.asked, roles,
                                  other_roles=scope.other_roles(query.standalone, self.catalog.covered))
        lead = self._lead(query, evidence, sources)
        # what a complete answer gives: a broad question's whole topic, the rest of the lead's section, or
        # each side's figure for the level a pay comparison names
        counted = query.compares_roles and COUNTED_TOPICS.intersection(query.topics)
        items = (self._band_figures(query) or (self._side_lines(query, evidence) if counted else []) or
                 ([*self.catalog.items(evidence.topic, evidence.named),
                   *(self.catalog.details(evidence.beside) if evidence.beside else [])] if evidence.topic
                  else self._completion(lead[0], query, evidence) if lead else []))
        generated = Generated(builder, self.provider, evidence.topic if evidence.sections else None, shown=sources,
                              lead=lead, items=items, unnamed=evidence.unnamed)
        yield from self._generate(generated, query, context, timings, started, evidence,
                                  has_official=bool(official_lines))
        if not generated.lines:
            yield from self._refusal(query.standalone, timings, started, generated.provider)
            return
        builder = generated.builder
        official_text = ["", *cite_all(official_lines, builder)] if official_lines else []
        for line in self._profile_lines(profile, query, hits, builder) + official_text:
            generated.lines.append(line)
            yield StreamEvent(type="token", data=line + "\n")
        provider = generated.provider
        yield from self._finish(timings, started, answer="\n".join(generated.lines).strip(),
                                citations=builder.citations(), dropped=builder.dropped,
                                provider=provider.name if provider.uses_llm else "extractive", model=provider.model,
                                standalone_question=query.standalone, notice=generated.notice, wages=wages,
                                degraded=generated.failed)

    def _generate(self, generated: Generated, query: Query, context: list[Hit], timings: Timings,
                  started: float, evidence: Evidence, has_official: bool) -> Iterator[StreamEvent]:
        """The model's verified lines as they come; then, by ``after_model``, the guides' own
        sentences when nothing it said survived, nothing (a refusal follows) when it declined, or
        the rest of a broad question's outline."""
        for line in self._lines(generated, query, context):
            yield self._token(line, timings, started)
        builder = generated.builder
        outcome = ModelOutcome(builder.cited_lines, self.provider.uses_llm, generated.failed, generated.declined,
                               said_nothing=not (builder.dropped or generated.declined))
        coverage = scope.keyword_coverage(evidence.checked, evidence.hits, ignore=scope.VAGUE_TOKENS)
        # a guide sentence close to the question (the lead the model never reached) is evidence too
        similarity = max(evidence.best_similarity, generated.lead.similarity if generated.lead else 0.0)
        verdict = after_model(outcome, similarity, coverage, has_official, self.settings, outlined(query, evidence),
                              words_known=not evidence.unnamed,
                              job_sentence=evidence.best_sentence if asks_of_the_job(query) else 0.0)
        log.info("after the model: %s (%d lines verified, declined %s, similarity %.2f, coverage %.2f)",
                 verdict, outcome.cited_lines, outcome.declined, similarity, coverage)
        if verdict == "refuse":
            generated.lines.clear()
        elif verdict == "extractive":
            why = ("The model declined the question" if generated.declined
                   else "The model's answer could not be verified against the guides")
            lead = generated.lead
            generated.fall_back(f"{why}. {EXTRACTIVE_NOTICE}", context)
            # the sentence closest to the question and the rest of its section, else the best-matching
            # ones and then what a complete answer gives (the topic, each side's figure)
            if query.compares_roles and not generated.items:  # each side's own lines, not one side's best lines
                generated.items = [item for guide in query.roles for item in self._side_answer(guide, query, evidence)]
            if generated.items and (lead or query.compares_roles):
                for line in generated.led(lead):
                    yield self._token(line, timings, started)
                return
            for line in self._lines(generated, query, context):
                yield self._token(line, timings, started)
        if verdict != "refuse":  # what the model (or the guides' best sentences) left out of the topic
            for line in generated.builder.complete(generated.items or self._unsaid(generated, query, evidence)):
                generated.lines.append(line)
                yield self._token(line, timings, started)

    def _lines(self, generated: Generated, query: Query, context: list[Hit]) -> Iterator[str]:
        """Verified lines from the provider (the extractive one if the model fails midway)."""
        try:
            for line in self._verified(generated, query, context):
                generated.lines.append(line)
                yield line
        except ProviderBusyError:
            raise
        except (ProviderError, ConfigError) as err:
            log.warning("provider %s failed, falling back to extractive: %s", generated.provider.name, err)
            generated.failed = True
            generated.notice = f"The language model is unavailable ({err}). {EXTRACTIVE_NOTICE}"

    @staticmethod
    def _token(line: str, timings: Timings, started: float) -> StreamEvent:
        if timings.first_token_ms is None:
            timings.first_token_ms = ms_since(started)
        return StreamEvent(type="token", data=line + "\n")

    def _official_block(self, official: salary.OfficialPay | None, question: str,
                        hits: list[Hit]) -> tuple[list[salary.Line], dict | None]:
        """Official-data lines (with the guide bands they are set against) and the chart figures."""
        if official is None or not hits:
            return [], None
        guide = self.catalog.guide(hits[0].doc_id)
        bands = [(level, band) for level in official.bands_wanted(question)
                 if (band := self.catalog.band(hits[0].doc_id, level))]
        return official.block(bands, guide.salary_year if guide else "", guide.pay_period if guide else "")

    def _onet_lines(self, query: Query, hits: list[Hit], official: list[salary.Line]) -> list[salary.Line]:
        """O*NET beside a guide's answer: one line on what its role is, when asked; and the whole side of
        a comparison no guide covers, unless the official figures already give that occupation."""
        role = query.roles[0].role if query.roles else (hits[0].role if hits else None)
        data = self._occupations() if role else None
        if data is None:
            return []
        line = occupations.role_line(data, role, query.asked)
        given = " ".join(text for text, _ in official).lower()
        others = [said for said in scope.set_beside(query.asked, self.catalog.covered) if said.lower() not in given]
        lines = [line] if line else []
        wages = self._wages() if others else None  # opened once, and only for a side to give
        for said in others:
            side = occupations.other_side(data, wages, said, query.asked)
            lines += [("", ())] * bool(side and (lines or official)) + side
        return lines

    def _wages(self) -> WageData | None:
        """The official wage data, or None when it cannot be opened (the log says why)."""
        try:
            return self.open_wages()
        except WageDataError as err:
            log.warning("official wage data unavailable, answering without pay: %s", err)
            return None

    def _occupation_answer(self, asked: occupations.OccupationQuestion, query: Query, profile: Profile | None,
                           timings: Timings, started: float) -> Iterator[StreamEvent]:
        """A question about occupations no guide covers, answered from O*NET (and OEWS pay) alone."""
        wages = self._wages()
        asked_place = salary.place_in(wages, query.asked) if wages else None
        place = asked_place or (profile.location if profile else None)
        block, chart = occupations.answer_lines(self.open_occupations(), wages, asked, place, asked_place is not None)
        yield from self._rule_built([], block, query.standalone, timings, started, provider="onet", model="rules",
                                    wages=chart)

    def _official_only(self, official: salary.OfficialPay, standalone: str, timings: Timings,
                       started: float) -> Iterator[StreamEvent]:
        """A pay question about a job no guide covers, answered from the official figures alone."""
        block, wages = official.block([])
        yield from self._rule_built(["My guides don't cover this occupation, but the official U.S. wage data does."],
                                    block, standalone, timings, started, provider="bls-oews",
                                    model=official.lookup.citation["title"], wages=wages)

    def _rule_built(self, intro: list[str], block: list[salary.Line], standalone: str, timings: Timings,
                    started: float, **answer: object) -> Iterator[StreamEvent]:
        """An answer made of rule-built lines only (official data), each cited to its own source."""
        yield StreamEvent(type="sources", data=preview([h for _, cited in block for h in cited], standalone))
        builder = CitationBuilder([])
        lines = [*intro, *cite_all(block, builder)]
        timings.first_token_ms = ms_since(started)
        for line in lines:
            yield StreamEvent(type="token", data=line + "\n")
        yield from self._finish(timings, started, answer="\n".join(lines).strip(), citations=builder.citations(),
                                standalone_question=standalone, **answer)

    def _verified(self, generated: Generated, query: Query, context: list[Hit]) -> Iterator[str]:
        """Verified lines as the provider produces them; ``generated.declined`` is set when the model
        said the sources lack the answer and nothing it said could be verified."""
        provider, builder = generated.provider, generated.builder
        shape = AnswerShape(wants_list=query.wants_list, compares=query.compares, yes_no=query.yes_no)
        messages = answer_messages(query.asked, context, list(query.history), shape) if provider.uses_llm else []
        tokens = self.settings.max_list_tokens if query.wants_list else self.settings.max_answer_tokens
        request = GenerationRequest(question=query.standalone, focus=query.asked, hits=context, messages=messages,
                                    max_tokens=tokens, outline=generated.outline)
        stream = provider.stream(request)
        emitted, declined, failed_in_a_row = False, False, 0
        try:
            for raw in whole_lines(stream):
                if query.yes_no and not emitted and generated.says_unnamed(raw):
                    log.info("the model's verdict is on what no guide names (%s): a decline", ", ".join(generated.unnamed))
                    declined = True
                    break
                if generated.lead and (lead := self._opening(raw, generated)):
                    emitted = True
                    yield lead
                before = len(builder.dropped)
                line, said_no = self._verify(raw, builder)
                declined |= said_no
                if line is None and builder.unsupported and provider.uses_llm:
                    line = self._ground(builder.unsupported, generated)
                if line:
                    emitted, failed_in_a_row = True, 0
                    yield line
                elif len(builder.dropped) > before:
                    failed_in_a_row += 1
                    if failed_in_a_row >= MAX_FAILED_IN_A_ROW:
                        log.info("stopped the model after %d lines in a row failed verification", failed_in_a_row)
                        break
        finally:
            getattr(stream, "close", lambda: None)()  # a generator's close ends the model's request
        generated.declined = declined and not emitted

    def _lead(self, query: Query, evidence: Evidence, shown: dict[str, Hit]) -> Lead | None:
        """The sentence to open the model's answer with: for a pay question naming one level,
        the first figure of the guide's band for it ("Starting Out": "… less than $69,660 a year");
        for a question that asks one thing (not a list, a topic, pay or a comparison), the guide sentence
        closest to it (in the topic it names, when shown) when it is ``lead_similarity`` close, so a
        yes/no question gets the guide's own line however the model words its reply."""
        if query.compares or not self.provider.uses_llm or not evidence.hits:
            return None
        if query.pay:
            found = self.catalog.band_figure(evidence.hits[0].doc_id, query.levels[0]) if len(query.levels) == 1 else None
            ok = found and found[1].section_id in shown
            return Lead(found[1].section_id, found[0], evidence.best_similarity) if ok else None
        if query.wants_list or evidence.topic:
            return None
        sections = {sid for sid, h in shown.items() if h.kind == "section"}
        # from the topic the question itself names, when shown: "why is that one of the hard parts?"
        # after tuning is led by the challenge, not by the tuning duty the earlier turn matched
        own = self.catalog.under_topics(evidence.docs, list(query.topics)) if not query.topics_inherited else set()
        # a count is answered by a figure: "and how many jobs is that?" after "is cybersecurity a
        # growing field?" is led by the jobs held, not by what drives demand
        # never a sentence on the guide's own layout ("This section covers who hires them …")

        def keep(sentence: str) -> bool:
            return bool(sentence) and not about_the_guide(sentence) and (not query.counts or bool(numbers(sentence)))

        among = (own & sections) or sections
        years = YEAR.findall(query.corrected)
        best = evidence.hits[0].section_id

        def closest(asked: str) -> tuple[str, str, float] | None:
            # of the year it asks about, when a sentence gives it: "how many jobs … by 2034?" is led by the
            # projection, not by "Jobs in 2024: 182,800."
            found = (years and self.retriever.closest_sentence(asked, among, lambda s: keep(s) and any(y in s for y in years))
                     or self.retriever.closest_sentence(asked, among, keep))
            # retrieval's best section, when its closest sentence is all but as close: one sentence's match decides
            # nothing by a hair ("can I get … straight out of college with zero experience?" is led by "hard to land
            # straight out of school", not by "On-the-job training: none.")
            if found and not years and found[0] != best and best in among and (
                    top := self.retriever.closest_sentence(asked, {best}, keep)) and top[2] >= found[2] - LEAD_WINDOW:
                found = top
            return found if found and found[2] >= self.settings.lead_similarity else None

        # in the guides' words too, as retrieval searched: "does great on training data and terrible on new data"
        # is closest to a line on data quality, "… overfitting" to the one on overfitting. A follow-up is led by
        # what it asks, its own words counting twice as retrieval weighs them ("which other framework … besides
        # those two?" after the languages: the team's frameworks, not the languages again), else with the
        # question it follows; one whose own words name nothing ("how many will there be by 2034?") with it
        searches = ([query.standalone] if only_vague(query.corrected)
                    else reversed(followup.retrieval_queries(query.corrected, list(query.history))))
        # what a role is, by the name its guide opens with ("An Information Security Analyst keeps …"), not by
        # an alias closer to another line; only then: the title would pull any question to the lines that say it
        searches = [titled(asked, query.roles) for asked in searches] if query.defines else searches
        found = next((found for asked in searches if (found := closest(paraphrased(asked)))), None)
        if found is None:
            return None
        # a lead-in leads with what it introduces: "How much math does it involve?" is closest to "The
        # role is built on maths and statistics:", and opens with "A solid grasp of linear algebra …"
        sentence = self.catalog.following(found[0], found[1]) if found[1].endswith(":") else found[1]
        if sentence is None:
            return None
        log.info("lead sentence from %s (%.2f): %r", found[0], found[2], sentence[:80])
        return Lead(found[0], sentence, found[2])

    def _unsaid(self, generated: Generated, query: Query, evidence: Evidence) -> list[tuple[str, Hit]]:
        """What an answer leaves out of the guides it stands on: the rest of the section it drew from,
        the best-ranked when it drew from two ("which industry pays best?" gets every industry, the
        best-paid included; "what's tricky about running models at scale?" gets how to meet it, not
        only the line that names it); in a comparison
        of roles, the best section of each role it said nothing of ("is a bachelor's enough for either?"
        gets the analysts' degree lines when the model spoke only of engineers), or each side's whole
        topic when the question asks for it whole ("the main hard parts of each")."""
        cited = generated.builder.cited_sections
        if not query.compares:
            order = [h.section_id for h in evidence.hits]
            ranked = sorted(cited, key=lambda h: order.index(h.section_id) if h.section_id in order else len(order))
            if not ranked or ranked[0].kind != "section":
                return []
            # an answer drawing on many sections is broad, unless the question asks one thing and the
            # first of them is retrieval's best: "is there demand for running models on edge devices?"
            # gets the rest of the edge-AI part, however many market lines the model added
            if len(ranked) > MAX_COMPLETED_FROM and (query.wants_list or ranked[0].section_id != order[0]):
                return []
            # a pay question is completed from a section on pay: "do those places pay more?" after the
            # hotspots gets what the guide says of pay and place, not the rest of the hotspots
            drawn = ranked[0] if not query.pay or speaks_of_pay(ranked[0]) else next(
                (h for h in evidence.hits if h.kind == "section" and speaks_of_pay(h)), None)
            found = self._completion(drawn.section_id, query, evidence) if drawn else []
            # for a message asking two things, the next section it drew on too, when retrieval ranks it among
            # the best: "is there on-call work? will I be working weekends?" gets the long weeks of "Hours and
            # On-Call Duty" as well as the rest of "Emergencies Outside Office Hours"
            if (drawn is ranked[0] and len(ranked) > 1 and len(query.parts) > 1 and not (query.wants_list or evidence.topic)
                    and ranked[1].kind == "section" and ranked[1].doc_id == drawn.doc_id
                    and ranked[1].section_id in order[:BEST_DRAWN]):
                found += [item for item in self.catalog.details(ranked[1].section_id) if item not in found]
            return found
        said = {h.doc_id for h in cited}
        items: list[tuple[str, Hit]] = []
        for guide in query.roles:
            side = [h for h in evidence.hits if h.doc_id == guide.doc_id]
            whole = bool(side) and bool(self.catalog.subsections(side[0].section_id))  # its best section is a topic
            if query.broad and whole:
                found = self.catalog.items(side[0].section_id)  # "the main hard parts of each": each side's whole list
            elif guide.doc_id not in said and side and not whole:
                found = (self.catalog.items(side[0].section_id) or self.catalog.details(side[0].section_id))[:MAX_SIDE_ITEMS]
            else:
                found = []
            items += labelled(guide.role, found)
            if not query.broad and (guide.doc_id in said or whole):
                # a side the model spoke of still gets what its guide says of the topic asked about, the
                # section on it whole ("compare the education …": each side's degree lines, the
                # bachelor's beside the master's the model gave), else its line on what is asked ("what
                # languages does each need?" gets "Python, C++ and Java" where the model only called Python
                # versatile); so does one it said nothing of whose best section is a whole topic, which a
                # question on one thing does not ask for ("which job gives me more freedom?" is no "Career
                # Development" outline)
                items += self._side_answer(guide, query, evidence)
        return items

    def _side_answer(self, guide: Guide, query: Query, evidence: Evidence) -> list[tuple[str, Hit]]:
        """What one compared role's guide says of what is asked: its section on the topic the question
        compares ("compare the education you need …"), else, and for a yes/no question ("is either of
        these jobs remote-friendly?"), its line closest to what is asked."""
        return (not query.yes_no and self._side_topic(guide, query, evidence)) or self._side_line(guide, query, evidence)

    def _side_topic(self, guide: Guide, query: Query, evidence: Evidence) -> list[tuple[str, Hit]]:
        """What one compared role's guide says in its best-ranked section on the topic the question names
        (one without parts of its own: "Getting Qualified › Degrees", not "Getting Qualified")."""
        under = self.catalog.under_topics({guide.doc_id}, list(query.topics)) if query.topics else set()
        best = next((h for h in evidence.hits if h.section_id in under and h.kind == "section"
                     and not self.catalog.subsections(h.section_id)), None)
        return labelled(guide.role, self.catalog.details(best.section_id)[:MAX_SIDE_ITEMS] if best else [])

    def _completion(self, section_id: str, query: Query, evidence: Evidence) -> list[tuple[str, Hit]]:
        """The rest of the section an answer drew on, then, for a question that asks one thing, the
        section retrieval ranks beside it when nearly as close, or closer: "will I get called in at night or on
        weekends?" gets "Emergencies Outside Office Hours" and the on-call weeks of "Hours and On-Call
        Duty", where a guide says it in two places."""
        found = self.catalog.details(section_id)
        if len(found) <= 1 and (parts := self.catalog.subsections(section_id)):
            # a section that only opens its parts ("What the Job Is": one line) is completed by the first,
            # which says what it opens ("The Role in Brief": what analysts do)
            return found + self.catalog.details(parts[0].section_id)
        if query.compares or query.wants_list or query.pay or evidence.topic:
            return found
        # the two closest in meaning, however the fused ranking (which counts shared words too) placed them
        best = sorted((h for h in evidence.hits if h.kind == "section"), key=lambda h: h.similarity, reverse=True)[:2]
        if len(best) < 2 or section_id not in {h.section_id for h in best}:
            return found
        drawn, other = sorted(best, key=lambda h: h.section_id != section_id)
        nested = section_id == parent_id(other.section_id) or other.section_id == parent_id(section_id)
        # as close, or closer: "When should I pick a CNN over an RNN?" is led by "Pick the right network type
        # … (for example CNNs or RNNs)" and gets the section on choosing one, closer in meaning as a whole
        # a section of the same name under another part of the guide is one subject said in two places ("Hyperparameter
        # Tuning" as a duty and as a challenge): "how do they figure out the best settings?" gets both
        close = (other is best[0] or best[0].similarity - best[1].similarity <= RUNNER_UP_WINDOW
                 or other.own_heading == drawn.own_heading)
        # a question naming a topic is answered from it: "why is that one of the hard parts?" after
        # tuning gets the challenge, not the tuning duty the earlier turn matched
        topical = not query.topics or query.topics_inherited or other.section_id in self.catalog.under_topics(
            evidence.docs, list(query.topics))
        if (nested or not close or not topical or other.doc_id != best[0].doc_id
                or other.sentence_similarity < self.settings.lead_similarity):
            return found
        return found + self.catalog.details(other.section_id)

    def _side_lines(self, query: Query, evidence: Evidence) -> list[tuple[str, Hit]]:
        """Each compared role's sentence closest in meaning to what is asked of the roles ("is either
        of these jobs remote-friendly?": each side's line on remote work); for the market, its figures."""
        return [item for guide in query.roles for item in self._side_line(guide, query, evidence)]

    def _side_line(self, guide: Guide, query: Query, evidence: Evidence) -> list[tuple[str, Hit]]:
        """One compared role's ``_side_lines``."""
        search = without_roles(query.corrected, query.roles)  # as asked: the guides' words added say less to a model
        counted = sorted(COUNTED_TOPICS.intersection(query.topics))
        side = {h.section_id: h for h in evidence.hits if h.doc_id == guide.doc_id and h.kind == "section"}
        # the subsection its guide gives the topic, when retrieved: "The Workspace" on where one works,
        # not the on-call line closest to "remote-friendly"
        parts = evidence.side_parts & set(side)
        found = counted and self._side_figures(search, set(side), guide.doc_id, counted)
        if not found:  # no figures asked for, or its guide gives none
            # a lead-in ("… with many audiences:") or a sentence on the guide's own layout ("Here is what
            # each of those involves.") compares nothing
            said = partial(self.retriever.closest_sentence, search, keep=lambda s: not (s.endswith(":") or about_the_guide(s)))
            closest = (parts and said(parts)) or said(set(side))
            found = [closest] if closest else []
        if query.yes_no and found and not counted:
            # a yes/no question of both ("do either of these jobs need a master's degree?") gets, beside each side's
            # closest line, its section's other lines on what it asks: the MBA beside "some positions ask for a
            # master's degree"; "is either remote-friendly?" gets the one line on remote work
            sid, sentence, _ = found[0]
            asked = stems(" ".join(content_tokens(search) - VAGUE - HEDGES)) - self.catalog.role_stems
            found += [(sid, line, 0.0) for line, _ in self.catalog.details(sid) if line != sentence and asked & stems(line)]
        return labelled(guide.role, [(sentence, side.get(sid) or self.catalog.section(sid)) for sid, sentence, _ in found])

    def _side_figures(self, search: str, retrieved: set[str], doc_id: str,
                      topics: list[str]) -> list[tuple[str, str, float]]:
        """One side's figures for a market comparison, from all its guide says of the market, retrieved
        or not: its rate of job growth ("rise by 29%"), then the figure on jobs closest to the question
        ("which has more openings?": the openings each year), else its closest figure: "is either the
        safer bet?" compares the jobs, not "the AI software market … $126 billion" the section ends on."""
        pool = retrieved | self.catalog.under_topics({doc_id}, topics)
        closest = partial(self.retriever.closest_sentence, search, pool)
        rate = closest(keep=lambda s: bool(RATE.search(s) and JOB_FIGURE.search(s)))
        figure = closest(keep=lambda s: bool(numbers(s) and JOB_FIGURE.search(s))) or closest(keep=lambda s: bool(numbers(s)))
        return [found for found in (rate, figure if figure and (not rate or figure[:2] != rate[:2]) else None) if found]

    def _band_figures(self, query: Query) -> list[tuple[str, Hit]]:
        """Each compared role's figure for the level a pay comparison names ("Does a typical analyst
        earn more than a mid-level engineer?"), or for every level when it names none ("Who earns
        more?"): a comparison without one side's figure compares nothing."""
        if not (query.compares_roles and query.pay):
            return []
        items: list[tuple[str, Hit]] = []
        for guide in query.roles:
            for level in query.levels_of(guide.doc_id) or tuple(LEVELS):
                if found := self.catalog.band_figure(guide.doc_id, level):
                    figure, band = found
                    items.append((f"{guide.role}, {band.own_heading}: {figure}", band))
        return items

    def _opening(self, raw: str, generated: Generated) -> str | None:
        """The lead sentence, cited, before the model's first line that stands (verified, or grounded
        on a shown sentence): a model that declines, or says only what no source backs, gets no lead
        to stand in for its answer."""
        text, declined = without_refusal(raw)
        if declined or not text.strip() or generated.lead is None:
            return None
        trial = deepcopy(generated.builder)
        if not trial.check_line(text) and not (trial.unsupported and self._grounding(trial.unsupported, generated.shown)):
            return None
        section_id, sentence, _ = generated.lead
        generated.lead = None
        return generated.builder.ground(sentence, generated.shown[section_id])

    def _ground(self, claim: str, generated: Generated) -> str | None:
        """A model line no source backed, replaced by its closest shown sentence (``_grounding``)."""
        if (found := self._grounding(claim, generated.shown)) is None:
            return None
        log.info("grounded a line no source backed on %s: %r", found[0], found[1][:80])
        return generated.builder.ground(found[1], generated.shown[found[0]])

    def _grounding(self, claim: str, shown: dict[str, Hit]) -> tuple[str, str] | None:
        """(section id, sentence): the sentence of a shown source closest in meaning to a model line
        no source backed ("Implement early stopping to prevent overfitting" → the guide's "Prevent
        overfitting with early stopping"), when it is at least ``ground_similarity`` close; else None."""
        if len(claim.split()) < MIN_GROUNDED_WORDS:
            return None  # "Yes." is close to nothing in particular
        found = self.retriever.closest_sentence(claim, set(shown))
        if found is None or found[2] < self.settings.ground_similarity or found[1].endswith(":"):
            return None
        return found[0], found[1]

    @staticmethod
    def _verify(raw: str, builder: CitationBuilder) -> tuple[str | None, bool]:
        """(verified line or None, whether the line is the model declining)."""
        text, declined = without_refusal(raw)
        if declined and not text:
            return None, True
        return builder.check_line(text), declined

    def _profile_lines(self, profile: Profile | None, query: Query, hits: list[Hit],
                       builder: CitationBuilder) -> list[str]:
        if profile is None or not hits:
            return []
        doc_id = hits[0].doc_id
        lines: list[str] = []
        if profile.years_experience is not None and query.pay:
            band = self.catalog.band(doc_id, profile_advice.band_for(profile.years_experience))
            if band:
                lines += ["", "For your profile:", builder.cite_fixed(profile_advice.band_line(profile, band), band),
                          profile_advice.BAND_NOTE]
        if profile.skills and profile_advice.wants_skills(query.asked):
            pairs = profile_advice.skills_lines(profile, self.catalog.requirements(doc_id))
            if pairs:
                lines += ["", "Your skills against the guide's requirements:"]
                lines += [builder.cite_fixed(text, hit) for text, hit in pairs]
        return lines

    def _say(self, text: str, standalone: str, timings: Timings, started: float) -> Iterator[StreamEvent]:
        """A short answer of our own (which role do you mean?): not a refusal, nothing to cite."""
        yield StreamEvent(type="token", data=text + "\n")
        yield from self._finish(timings, started, answer=text, citations=[], provider="career-advisor",
                                model="rules", standalone_question=standalone)

    def _refusal(self, standalone: str, timings: Timings, started: float,
                 provider: Provider | None = None, why: str | None = None) -> Iterator[StreamEvent]:
        roles = self.catalog.role_names() or "the roles in my guides"
        why = why or "I don't know: my guides don't cover that."
        text = f"{why} I can help with the {roles} role{'s' if len(self.catalog.guides) > 1 else ''}: {TOPICS}."
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
        yield StreamEvent(type="done", data=done)


class Lead(NamedTuple):
    """A guide sentence to open an answer with, and how close it is to the question."""

    section_id: str
    sentence: str
    similarity: float


@dataclass
class Generated:
    """What the generate stage has produced so far, and with which provider."""

    builder: CitationBuilder
    provider: Provider
    outline: str | None = None  # the section id of the broad question's outline among the sources
    shown: dict[str, Hit] = field(default_factory=dict)  # the sources the user sees, by section id
    lead: Lead | None = None  # the sentence to open the model's answer with, until it is given
    items: list[tuple[str, Hit]] = field(default_factory=list)  # what a broad question's complete answer lists
    lines: list[str] = field(default_factory=list)
    notice: str | None = None
    failed: bool = False
    declined: bool = False
    unnamed: tuple[str, ...] = ()  # the question's words no guide uses (``Catalog.unnamed``)

    def says_unnamed(self, line: str) -> bool:
        """A yes/no verdict on what no guide names that no source backs ("Yes, they need a security
        clearance", with "Job security" shown) is no answer, whatever else the model lists after it;
        one a source backs ("Yes, they worry about vanishing gradients [1]") stands."""
        text = without_refusal(line)[0]
        if not any(re.search(rf"\b{word}", text, re.I) for word in self.unnamed):
            return False
        return deepcopy(self.builder).check_line(text) is None

    def __post_init__(self) -> None:
        self.notice = EXTRACTIVE_NOTICE if not self.provider.uses_llm else None

    def fall_back(self, notice: str, context: list[Hit]) -> None:
        """Start again with the guides' own sentences (the extractive provider)."""
        self.notice = self.notice or notice
        self.provider = ExtractiveProvider()
        self.lead = None  # the guides' own sentences need no lead: it would only repeat their first
        old = self.builder
        # the model's dropped lines stay on record
        self.builder = CitationBuilder(list(context), old.strict, old.sections, old.question, old.roles,
                                       dropped=old.dropped, other_roles=old.other_roles)
        self.lines = []

    def led(self, lead: Lead | None) -> list[str]:
        """The guides' own answer to a question that asks one thing: the lead sentence, then what
        else its section (or the broad question's topic, or each compared side) says."""
        first = self.builder.ground(lead[1], self.shown[lead[0]]) if lead else None
        self.lines = [line for line in (first, *self.builder.complete(self.items)) if line]
        return self.lines


def labelled(role: str, items: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
    """One compared role's items, the first under the role's name: "Neural Network Engineer: …"."""
    return [(f"{role}: {text}" if n == 0 else text, hit) for n, (text, hit) in enumerate(items)]


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


def whole_lines(pieces: Iterator[str]) -> Iterator[str]:
    """The lines of streamed text as each one completes, then whatever follows the last newline."""
    buffer = ""
    for piece in pieces:
        buffer += piece
        while "\n" in buffer:
            line, buffer = buffer.split("\n", 1)
            yield line
    yield buffer


def ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
