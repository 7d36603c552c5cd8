"""Retrieve what a ``Query`` asks for: sections of the roles it is about, each side of a comparison
searched on its own, a top-level section's outline when a broad question gathers under one, and
each guide's pay band for a career level a pay question names.

An answer about one role never reads another role's sections unless the question compares them;
with several guides and no role known, all guides are searched (the decide stage then asks which
role is meant when the results spread over several guides).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, zip_longest

from advisor import followup
from advisor.guides import Catalog, parent_id
from advisor.query import Query, without_roles
from advisor.retrieval import Retriever
from advisor.types import Hit
from advisor.vocabulary import COMPARE, COMPARING, HOW_MANY, PAY_ASIDES, beside_pay, guides_words, only_topic_words, topics_in, without_asker, without_everyday
from ingest.sections import PATH_SEPARATOR


@dataclass(frozen=True)
class Evidence:
    hits: list[Hit]  # ranked guide sections; an outline (when there is one) right after the best section
    topic: str | None = None  # the section a broad question is about: a top-level one, or a list section
    search: str = ""  # what was searched for: the question with its topic's headings
    sections: tuple[Hit, ...] = ()  # the subsections behind the outline: what its lines are cited to
    named: str | None = None  # the subsection of the topic the question names: given whole
    checked: str = ""  # the words the sections must hold for the evidence to count: no role names, no everyday words
    asked_list: bool = False  # the topic is the list section the question names by its heading (``asked_section``)
    unnamed: tuple[str, ...] = ()  # words of the question no guide uses ("clearance"): ``Catalog.unnamed``
    side_parts: frozenset[str] = frozenset()  # in a comparison, the subsections each side's guide gives the topic
    side_topics: frozenset[str] = frozenset()  # in a comparison, the guides with a section on the topic it names
    beside: str | None = None  # retrieval's best section, when the question names another by a heading word: told too

    @property
    def docs(self) -> set[str]:
        return {h.doc_id for h in self.hits}

    @property
    def best_similarity(self) -> float:
        return max((h.similarity for h in self.hits), default=0.0)

    @property
    def best_sentence(self) -> float:
        return max((h.sentence_similarity for h in self.hits), default=0.0)


def gather(query: Query, retriever: Retriever, catalog: Catalog, k: int | None = None) -> Evidence:
    """The sections the answer step may use, for ``query``."""
    history = list(query.history)
    if query.compares_roles:
        return compared(query, retriever, catalog, k)
    docs = frozenset(g.doc_id for g in query.roles) if len(catalog.guides) > 1 and query.roles else None
    searched = set(docs or {g.doc_id for g in catalog.guides})  # the guides this answer may draw on
    tops = catalog.topic_sections(searched, list(query.topics), query.search)
    search = with_headings(query.search, tops)
    hits = retriever.search_many(followup.retrieval_queries(search, history), k, docs)
    # each question a message asks, and the guides' words for its everyday ones ("does great on training
    # data and terrible on new data": "overfitting"), brings its own best section
    if asked := list(dict.fromkeys([*query.parts, *guides_words(query.corrected)])):
        hits = with_parts(hits, retriever.search_each([([part], docs) for part in asked], 1))
    hits = with_bands(hits, query, catalog, {h.doc_id for h in hits[:1]})
    extra = extras(query, catalog, searched)  # what comes on top of pay: the topic, whatever else the words suggest
    asked = asked_section(query, tops, hits, catalog)
    listed = (heading_named(query, catalog, searched) or extra or asked
              or followed_up_section(query, hits, catalog) or paid_by(query, hits, catalog))
    beside = best_beside(query, asked, hits, catalog) if listed == asked else None
    if listed and listed != hits[0].section_id and (named_hit := next((h for h in hits if h.section_id == listed),
                                                                      catalog.section(listed))):
        hits = placed(named_hit, hits, 0)  # the part the question names leads (for a follow-up, not the earlier turn's)
    topic = extra or (tops[0].section_id if tops and query.broad else
                      (list_topic(query, hits, catalog, {h.doc_id for h in hits[:1]}) if query.wants_list or about_role(query)
                       else None) or catalog.several_named({h.doc_id for h in hits[:1]}, query.asks_of_roles) or listed)
    outline = catalog.outline_hit(topic) if topic else None
    checked = checked_words(search, query, catalog)
    unnamed = catalog.unnamed(checked)
    if outline is None:  # a list section ("Advantages of the Career") is a topic too: its bullets complete the answer
        listing = topic if topic and catalog.items(topic) else None
        return Evidence(hits=hits, search=search, topic=listing, checked=checked, asked_list=bool(topic) and topic == listed,
                        unnamed=unnamed, beside=beside if listing and listing == listed else None)
    # behind the best section when that is a part of the topic, else first
    best = hits[0].section_id if hits and parent_id(hits[0].section_id) == topic != hits[0].section_id else None
    return Evidence(hits=placed(outline, hits, 1 if best else 0), topic=topic, search=search,
                    sections=tuple(catalog.subsections(topic)), named=named_part(query, topic, catalog, best),
                    checked=checked, unnamed=unnamed)


def best_beside(query: Query, named: str | None, hits: list[Hit], catalog: Catalog) -> str | None:
    """Retrieval's best section when the part a question names by one heading word is another and no
    closer in meaning: an answer too. "whats the hardware struggle like? i heard GPUs are hard to get"
    names "Hardware Limitations" and is closest to "Computational Resources". Not for a follow-up,
    whose search leans on the earlier turn ("how many openings per year is that?" after the jobs held),
    nor a topic's whole section, whose parts the named one is among."""
    if not named or query.follows or not hits or hits[0].section_id == named:
        return None
    best, own = hits[0], next((h for h in hits if h.section_id == named), None)
    if best.doc_id != getattr(catalog.section(named), "doc_id", None) or catalog.subsections(best.section_id):
        return None
    return best.section_id if best.similarity >= (own.similarity if own else 0.0) else None


DOES = re.compile(r"\b(?:do|does|doing|did)\b", re.I)


def with_parts(hits: list[Hit], parts: list[list[Hit]]) -> list[Hit]:
    """A message asking two things ("which industries hire …, and what would I do in finance?"):
    the best section for the whole, then each question's own best, then the rest, so neither
    question's section is crowded out by the other's. (Fusing the rankings instead favoured
    sections ranked middling by every question over the one each question ranks first.)"""
    merged = {h.section_id: h for h in [*hits[:1], *(found[0] for found in parts if found), *hits[1:]]}
    return list(merged.values())[:len(hits)]


def about_role(query: Query) -> bool:
    """A question about nothing but one role ("tell me about security analysts"): its guide's opening
    section answers it, as it does a list question about the role. Not what the role does ("what does a
    neural network engineer do?"): the parts on the work answer that better than the whole opening; nor
    a count ("how many security analyst jobs are there?"), which a figure answers."""
    rest = query.asks_of_roles
    return (len(query.roles) == 1 and not query.follows and not query.topics and not query.pay
            and only_topic_words(rest) and not DOES.search(rest) and not HOW_MANY.search(rest))


def list_topic(query: Query, hits: list[Hit], catalog: Catalog, doc_ids: set[str]) -> str | None:
    """The top-level section a list question is about: the guide's opening one when it asks about
    nothing but the role ("tell me everything about being a …"), the one holding the only part of
    the guide its heading words name ("what areas can I specialize in?" → Career Development, for
    "Career Paths and Specializations"), else the one its best hits gather under."""
    rest = query.asks_of_roles
    if len(query.roles) == 1 and not query.topics and only_topic_words(rest):
        return catalog.opening(query.roles[0].doc_id)
    named = catalog.named_anywhere(doc_ids, rest, best=hits[0].section_id if hits else None)
    return parent_id(named) if named else catalog.topic(hits)


def named_part(query: Query, topic: str, catalog: Catalog, best: str | None = None) -> str | None:
    """The part of ``topic`` the question names (``best``: the part retrieval ranks first), else, for a
    follow-up with a topic of its own, the part the question it follows named: "ok and later on in my
    career?" after a question on certifications wants the later certifications ("and the people at the
    very top?" after starting pay, no start)."""
    own = catalog.named_subsection(topic, without_roles(query.search, query.roles), best=best)
    followed = query.follows and bool(query.topics) and not query.topics_inherited
    return own or (catalog.named_subsection(topic, without_roles(query.standalone, query.roles)) if followed else None)


def checked_words(search: str, query: Query, catalog: Catalog) -> str:
    """What the evidence check asks of the sections: the search without the roles it names, which
    the guides name in their own words ("infosec analysts"), nor the everyday words it gave the
    guides' words for ("burnout"), nor a comparison's own words ("is either of them …", "how does that
    compare with …" after the other role), nor what it says of the asker ("I'm a teacher …")."""
    text = without_roles(without_everyday(without_asker(search), catalog.uses), query.roles)
    return " ".join((COMPARE.sub(" ", text) if query.compares or COMPARING.search(text) else text).split())


def asked_section(query: Query, tops: list[Hit], hits: list[Hit], catalog: Catalog, best: int = 3) -> str | None:
    """The list section a question on one part of a topic names by its heading, when retrieval agrees
    (the topic among the ``best`` hits): "Do I need a PhD?" is answered by all of "Requirements ›
    Education", the bachelor's and the advanced degree, not by whichever line the model picks; "what
    could I specialise in later on?" by all of "Moving Up › Specializing", retrieved or not. Pay has
    its bands."""
    if query.pay or query.compares or not tops:
        return None
    top = tops[0].section_id
    if not any(h.section_id == top or parent_id(h.section_id) == top for h in hits[:best]):
        return None
    if not catalog.subsections(top):
        return top
    # a part named by its heading: "how many years do employers want?" names no "Certifications" whose
    # opening line says "employers"; a broad question gets the topic's outline with its named part instead
    return None if query.broad else catalog.named_subsection(top, without_roles(query.search, query.roles),
                                                              by_opening=False)


def heading_named(query: Query, catalog: Catalog, doc_ids: set[str]) -> str | None:
    """The part of a guide whose heading the question names whole ("the growth outlook"), whatever
    topic its other words suggest; not for pay, whose bands answer it, nor a comparison."""
    if query.pay or query.compares:
        return None
    return catalog.heading_named(doc_ids, without_roles(query.search, query.roles))


def extras(query: Query, catalog: Catalog, doc_ids: set[str]) -> str | None:
    """What comes on top of pay, for a question that sets pay aside to ask about it ("besides base
    salary, what perks or extras …?"): the guide's own section on it, not its career's advantages."""
    return catalog.beside_pay(doc_ids) if beside_pay(query.corrected) and not query.compares else None


def followed_up_section(query: Query, hits: list[Hit], catalog: Catalog, best: int = 5) -> str | None:
    """The list section a follow-up's own words name by its heading, when retrieval agrees: "does
    that change depending on the industry?" after the median pay asks for all of "Earnings by Industry"."""
    if not query.follows or query.compares:
        return None
    named = catalog.named_anywhere({h.doc_id for h in hits[:1]}, without_roles(query.search, query.roles),
                                   among={h.section_id for h in hits[:best]})
    return named if named and catalog.items(named) else None


def paid_by(query: Query, hits: list[Hit], catalog: Catalog) -> str | None:
    """The pay section on what a pay question names in passing, when the guide has one list of it:
    "which of those pays best?" after the employers asks for all of "Earnings by Industry"."""
    asides = [t for t in topics_in(query.standalone) if t in PAY_ASIDES]
    if not (query.pay and asides and hits) or query.levels or query.compares:
        return None
    return catalog.pay_list(hits[0].doc_id, asides)


def compared(query: Query, retriever: Retriever, catalog: Catalog, k: int | None) -> Evidence:
    """A comparison of roles: each side searched in its own guide with its own topic's headings,
    led by its topic's outline when the question is broad ("how does the day-to-day work differ?")
    or by its pay band for a level, the sides taken in turn. A follow-up's sections on the topic are named
    by the question it follows too: "how does that compare with what a security analyst needs?" after the
    engineers' skills is "Skills Employers Look For", not "Getting Qualified"."""
    asked = query.standalone if query.follows else query.search
    sides = [(g, catalog.topic_sections({g.doc_id}, list(query.topics), asked)) for g in query.roles]
    per_role = retriever.search_each([(followup.retrieval_queries(with_headings(query.search_for(g), tops),
                                                                   list(query.history)), frozenset({g.doc_id}))
                                      for g, tops in sides], k)
    per_role = [with_outline(with_bands(hits, query, catalog, {g.doc_id}), tops, query, catalog)
                for hits, (g, tops) in zip(per_role, sides)]
    hits = [h for h in chain.from_iterable(zip_longest(*per_role)) if h is not None]
    checked = checked_words(query.search, query, catalog)
    parts = frozenset(h.section_id for _, tops in sides for h in tops if "/" in h.section_id)
    return Evidence(hits=hits[:k] if k else hits, search=query.search, checked=checked, unnamed=catalog.unnamed(checked),
                    side_parts=parts, side_topics=frozenset(g.doc_id for g, tops in sides if tops))


def with_outline(hits: list[Hit], tops: list[Hit], query: Query, catalog: Catalog) -> list[Hit]:
    """One side's hits led by its topic's outline, when the question asks for the topic as a whole."""
    outline = catalog.outline_hit(tops[0].section_id) if query.broad and tops and hits else None
    return placed(outline, hits, 0)[:len(hits)] if outline else hits


def placed(outline: Hit, hits: list[Hit], position: int) -> list[Hit]:
    """``hits`` with a topic's outline at ``position`` (first for a comparison side, behind the best
    section otherwise), as strong as the best match: it stands for the topic the question asks about."""
    outline = outline.model_copy(update={"similarity": max((h.similarity for h in hits), default=0.0)})
    rest = [h for h in hits if h.section_id != outline.section_id]
    return rest[:position] + [outline] + rest[position:]


def with_headings(search: str, tops: list[Hit]) -> str:
    """The search with its topic's headings: "main difficulties" then reaches "Common Challenges"."""
    return " ".join([search, *dict.fromkeys(h.heading.replace(PATH_SEPARATOR, " ") for h in tops)])


def with_bands(hits: list[Hit], query: Query, catalog: Catalog, doc_ids: set[str]) -> list[Hit]:
    """A pay question that names a career level leads with each guide's pay band for that level
    ("Starting Out" for a new analyst's pay), as strong as the best match; as many hits as before."""
    if not (query.pay and query.levels) or not hits:
        return hits
    found = {h.section_id: h for h in hits}
    bands = {b.section_id: found.get(b.section_id, b) for doc in sorted(doc_ids) for level in query.levels_of(doc)
             if (b := catalog.band(doc, level))}  # as retrieved, when it was
    best = max(h.similarity for h in hits)
    lead = [b.model_copy(update={"similarity": max(b.similarity, best)}) for b in bands.values()]
    return (lead + [h for h in hits if h.section_id not in bands])[:len(hits)]
