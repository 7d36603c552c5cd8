"""Understand a question: one typed ``Query`` that every later stage reads instead of the raw text.

It says which guide roles the question is about (named, or carried over from the conversation, or
the only guide's), what retrieval should search for (typos corrected against the guides' words,
words about the sources dropped), the levels, whether it is about pay and where abroad, whether it
compares and whether it wants a list. The vocabulary behind it lives in ``advisor.vocabulary``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from advisor import followup, salary
from advisor.guides import Catalog, Guide
from advisor.injection import strip_instructions
from advisor.types import Turn
from advisor.vocabulary import (
    AFTERTHOUGHT, CHOICE, EMPLOYS_MOST, COMPARE, GREETING, COMPARING, LEVEL_PREFIX, LEVELS, OTHER_ROLE,
    VERSUS, juggling_tasks, COUNTED_TOPICS, EVERY_ROLE, HOW_MANY, LIST, MAX_EVERY_ROLE, PAY_ASIDES, PAY_RANGE,
    AT_A_STAGE, TENTHS, THAN_THAT, ROLE_REFERENCE, WHOLE_ONLY, WHOLE_TOPICS, asks_pay, foreign_place,
    levels_in, only_topic_words, only_vague, paraphrased, parts_of, topics_in, without_asker,
    verdict_in_passing, WHICH_ROLE, without_filler, WORK_TIME, work_time_in_passing, yes_no)


@dataclass(frozen=True)
class Query:
    asked: str  # the question, planted instructions removed
    corrected: str  # … and typos corrected, chat shorthand written out
    search: str  # what retrieval reads: typos corrected, words about the sources dropped
    standalone: str  # the question with the turn it follows, for a follow-up
    history: tuple[Turn, ...] = ()
    follows: bool = False  # a follow-up: read with the turn before it
    roles: tuple[Guide, ...] = ()  # the guides it is about
    named: bool = False  # the question itself names those roles
    defines: bool = False  # asks only what the roles it names are: "what does a security analyst do?"
    unclear_role: bool = False  # several guides; neither the question nor the conversation says which
    refers_to_role: bool = False  # "this line of work", "the role": a role meant but not named
    levels: tuple[str, ...] = ()
    leveled: tuple[str, ...] = ()  # the guides the levels are of, when not every role's: "… with a senior engineer?"
    pay: bool = False
    abroad: str | None = None  # a place outside the U.S. in a pay question
    compares: bool = False  # two roles or two levels side by side
    wants_list: bool = False
    yes_no: bool = False  # "Do I need a PhD?": answered yes or no, then the facts behind it
    topics: tuple[str, ...] = ()  # career topics it asks about (vocabulary.TOPICS)
    topics_inherited: bool = False  # a follow-up naming none: its topics are the earlier turn's
    corrections: dict[str, str] = field(default_factory=dict)
    parts: tuple[str, ...] = ()  # the questions it asks, when more than one: each searched for too

    @property
    def broad(self) -> bool:
        """Asks for a whole topic ("what are the main challenges?", "what is a typical day like?"),
        so the answer wants the topic's full outline, not one subsection."""
        if not self.topics or self.counts:  # a count asked is answered by a figure
            return False
        rest = self.asks_of_roles
        # "compare how … move up", "how does that compare with the challenges …" (one role named, the
        # other earlier): the comparison's own words say nothing of the topic
        if self.compares or COMPARING.search(rest):
            rest = COMPARE.sub(" ", rest)
        # a follow-up keeps the earlier topic whole only when it asks nothing of its own: "and for
        # security analysts?" does, "does that include pen testing?" after the typical day does not
        whole = not self.topics_inherited and not WHOLE_TOPICS.isdisjoint(self.topics)
        # or one of its questions does: "what's hot right now in the field? any up-and-coming areas …?"
        return self.wants_list or whole or self.pay_range or only_topic_words(rest) or any(
            topics_in(part) and only_topic_words(without_roles(without_asker(part), self.roles)) for part in self.parts)

    @property
    def counts(self) -> bool:
        """Asks for a count ("how many jobs …", "the number of openings"): answered by a figure."""
        return bool(HOW_MANY.search(self.corrected))

    @property
    def pay_range(self) -> bool:
        """Asks for pay as a range from end to end ("the pay range from the bottom 10% to the top 10%"), or
        as a whole and at a tenth of its spread ("How much do they make? What about the top 10%?"): every
        band answers it, the band asked for first. A range at one level ("the salary range for juniors")
        is its band's, as "how much do the top 10 percent earn?" is the top band."""
        ranged = (PAY_RANGE.search(self.corrected) and len(self.levels) != 1) or (TENTHS.search(self.corrected)
                                                                                 and len(self.parts) > 1)
        return self.pay and bool(ranged) and not AT_A_STAGE.search(self.corrected)

    @property
    def asks_of_roles(self) -> str:
        """What it asks of its roles: the search without the roles' names and without what it says of the
        asker ("I'm a teacher thinking of switching.", "My teacher mentioned neural network engineers.")."""
        return without_roles(without_asker(self.search), self.roles)

    def levels_of(self, doc_id: str) -> tuple[str, ...]:
        """The levels asked of one role: those the question names, or every level when it names them of
        another role ("how does that compare with a senior engineer?" after the analysts' pay: all theirs)."""
        return self.levels if not self.leveled or doc_id in self.leveled else tuple(LEVELS)

    @property
    def compares_roles(self) -> bool:
        return self.compares and len(self.roles) > 1

    def search_for(self, guide: Guide) -> str:
        """The search text for one side of a role comparison: the other roles' names removed, and the levels
        the question names of another role ("… with a senior engineer?" searches the analysts' pay whole)."""
        text = self.search
        for other in self.roles:
            if other is not guide:
                text = other.pattern.sub(" ", text)
        for level in self.levels if self.leveled and guide.doc_id not in self.leveled else ():
            text = LEVELS[level].sub(" ", text)
        return " ".join(text.split())


def understand(question: str, history: list[Turn] | None, catalog: Catalog) -> Query:
    """The typed reading of ``question`` (already validated) in its conversation."""
    history = followup.recent(list(history or []))
    asked = GREETING.sub("", strip_instructions(question).strip())  # "hi! what …": the question after it
    asked, history = answered(asked, history, catalog) or (asked, history)
    asked = followup.pointed_at(asked, history)  # "the last one": the last answer's last item
    corrected, fixes = catalog.speller.correct(asked)
    standalone = followup.standalone_question(corrected, history)
    follows = followup.is_follow_up(corrected, history)
    named = catalog.roles_in(corrected)
    asking = _without_work_time(corrected, named)
    # "is the advanced one needed?" after the degrees: "advanced" says which degree, it asks nothing of advancement
    # nor a remark on the asker after it: "…? i kinda flunked stats in college lol" asks nothing of education
    own_topics = _own_topics(followup.LABELLED.sub(" ", asking) if follows else AFTERTHOUGHT.sub("", asking))
    # a follow-up about pay stays about pay unless it names a topic of its own: "which one is growing
    # faster?" after a pay comparison asks about the market, "which of those hires the most?" about jobs
    pay = asks_pay(corrected) or (asks_pay(standalone) and set(own_topics) <= PAY_ASIDES and not EMPLOYS_MOST.search(corrected))
    # "what about security analysts?" after a question on starting pay asks for their starting pay
    earlier = (followup.previous_question(history) or "") if follows else ""
    earlier_topics = _own_topics(_without_work_time(earlier, catalog.roles_in(earlier)))
    # "how does that compare with neural network engineers?" after the analysts' outlook: both roles' figures;
    # "… with what a security analyst needs?" after the engineers' skills: both roles' skills
    counted = COUNTED_TOPICS.intersection(own_topics or earlier_topics)
    same = not own_topics or bool(set(own_topics) & set(earlier_topics))
    compared = COMPARING.search(corrected) or THAN_THAT.search(corrected)  # "is that more than … gets?"
    side_by_side = follows and bool(compared) and (pay or bool(counted) or same)
    roles = _roles(corrected, named, history, catalog, side_by_side=side_by_side)
    levels = levels_in(corrected) or (levels_in(earlier) if pay and asks_pay(earlier) else [])
    # "how does that compare with a senior neural network engineer?" after an analyst's pay: the level is the
    # engineer's; the turn before, which named none, keeps every band
    leveled = _leveled(corrected, named) if side_by_side and levels and not levels_in(earlier) else []
    own_topics = [t for t in own_topics if not (pay and t in PAY_ASIDES)]
    topics = own_topics or ([] if pay or levels else earlier_topics)  # a follow-up's earlier topic
    search = ROLE_REFERENCE.sub(" ", asking) if roles else asking  # "this line of work" matches no section
    defines = bool(named) and not (pay or own_topics or LIST.search(corrected)) and _asks_what_it_is(search, named)
    if defines:
        # a question that asks only what a role is ("what does a security analyst do?") searches by the name
        # its guide opens with ("An Information Security Analyst keeps …"), not by an alias no section says
        search = " ".join(guide.role for guide in named) + " " + search
    search = paraphrased(salary.search_text(without_filler(search)))
    query = Query(
        asked=asked, corrected=corrected, search=search, parts=() if follows else tuple(parts_of(search)),
        standalone=standalone, history=tuple(history), follows=follows, roles=tuple(roles), named=bool(named), defines=defines,
        unclear_role=not roles and len(catalog.guides) > 1,
        refers_to_role=bool(ROLE_REFERENCE.search(corrected)), levels=tuple(levels),
        leveled=tuple(g.doc_id for g in leveled) if len(leveled) < len(roles) else (), pay=pay,
        abroad=foreign_place(corrected) if asks_pay(corrected) else None,
        compares=len(roles) > 1 or len(levels) > 1, wants_list=bool(LIST.search(corrected)),
        yes_no=yes_no(corrected),
        topics=tuple(topics), topics_inherited=bool(topics) and not own_topics, corrections=fixes)
    whole = query.broad and (not levels or query.pay_range)  # "what do mid-level engineers make?" asks for one band
    return query if whole else replace(query, topics=tuple(t for t in query.topics if t not in WHOLE_ONLY))


LEVEL_BEFORE = re.compile(rf"\b{LEVEL_PREFIX}\s+$", re.I)  # a level right before what follows: "a senior "


def _leveled(text: str, named: list[Guide]) -> list[Guide]:
    """The roles ``text`` names right after a level: "a senior neural network engineer"."""
    return [g for g in named if any(LEVEL_BEFORE.search(text[:m.start()]) for m in g.pattern.finditer(text))]


def _asks_what_it_is(search: str, named: list[Guide]) -> bool:
    """Nothing but the roles it names and words that name nothing: "what does a security analyst do?";
    not a count ("how many security analyst jobs are there now, and in 10 years?")."""
    return not (HOW_MANY.search(search) or re.search(r"\d", search)) and only_vague(without_filler(without_roles(search, named)))


def _own_topics(text: str) -> list[str]:
    """The topics ``text`` asks about, without the advantages when it only asks whether another is worth
    it, nor the day's work when it asks how to keep on top of its tasks."""
    topics = topics_in(text)
    topics = [t for t in topics if t != "advantages"] if verdict_in_passing(text, topics) else topics
    return [t for t in topics if t != "daily work"] if juggling_tasks(text, topics) else topics


def _without_work_time(text: str, roles: list[Guide]) -> str:
    """``text`` without "day to day", "all day" … when they only say when ("what tools do they use day
    to day?"): neither its topics nor its search are then the day's work."""
    return WORK_TIME.sub(" ", text) if work_time_in_passing(without_roles(without_asker(text), roles)) else text


def without_roles(text: str, roles: list[Guide] | tuple[Guide, ...]) -> str:
    """The question without the roles it names or refers to ("this line of work"): what it asks of them."""
    text = ROLE_REFERENCE.sub(" ", text)
    for guide in roles:
        text = guide.pattern.sub(" ", text)
    return text


def titled(text: str, roles: list[Guide] | tuple[Guide, ...]) -> str:
    """``text`` with each role it names called by its guide's name for it ("what does an infosec analyst
    do?" → "… an Information Security Analyst …"), the name the guide's opening sentence uses."""
    for guide in roles:
        text = guide.pattern.sub(guide.role, text)
    return text


FIELD_WORDS = 2  # a field named in two words or more names its role ("working on neural networks"); "security" alone does not


def _roles(question: str, named: list[Guide], history: list[Turn], catalog: Catalog,
           side_by_side: bool) -> list[Guide]:
    """The roles a question is about: those it names, else all of them when it asks about them together
    ("which of the two jobs has more stress?", whatever role the turn before was about), else the one
    whose guide alone names an acronym it uses ("is CEH worth it?" after a question on engineers), else the
    one whose field it names ("the downsides of working on neural networks"), else those named by words
    only their guides use ("AI vs cybersecurity: which has better prospects?"), else the one its last word
    alone names ("which industry pays analysts best?"), else the conversation's, else the one whose
    guide alone names a name or one-word item it uses ("… like in forensics?"), else the only guide's.
    A follow-up comparing what the turn before asked with another role sets
    the two ``side_by_side``: "how does that compare with a top-end analyst?" after an engineer's pay,
    or "… with the challenges engineers face?" after the analysts' challenges, is about both."""
    if named and side_by_side:
        return list(dict.fromkeys([*_conversation_roles(history, catalog), *named]))
    named = [*named, *_compared_with(question, named, catalog)] if named else named
    roles = (named or _every_role(question, catalog) or _the_other(question, history, catalog)
             or _named_otherwise(question, catalog)
             or _called_one(question, history, catalog) or catalog.head_in(question)
             or _conversation_roles(history, catalog) or catalog.naming_terms(question))
    return roles or ([catalog.only] if catalog.only else [])


def _named_otherwise(text: str, catalog: Catalog) -> list[Guide]:
    """The roles a text names without their names: by an acronym only one guide has ("is CISSP worth it?"),
    by their field ("working on neural networks"), by words only their guides use ("cybersecurity")."""
    return catalog.naming_alone(text) or catalog.field_in(text, min_words=FIELD_WORDS) or catalog.own_words_in(text)


def _called_one(question: str, history: list[Turn], catalog: Catalog) -> list[Guide]:
    """The role a follow-up calls "the X one" by its field in one word ("ok and the cybersecurity
    one?" after an engineer's pay), unless X is an item the last answer gave ("the finance one")."""
    labels = " ".join(m.group("label") for m in followup.LABELLED.finditer(question))
    return catalog.field_in(labels) if labels and not followup.names_an_item(question, history) else []


def _compared_with(question: str, named: list[Guide], catalog: Catalog) -> list[Guide]:
    """The roles a comparison sets beside the ones it names, as "the two careers" or by their field in
    words of its own: "Comparing the two careers, what degree do you need for neural network
    engineering vs information security?" is about both, as is "… for either infosec or neural network
    engineering?" (a word only one guide uses)."""
    # said outright, or as a choice: "which roles can they move up to?" compares nothing
    if not (COMPARING.search(question) or CHOICE.search(question)):
        return []
    def others(found: list[Guide]) -> list[Guide]:
        return [g for g in found if g not in named]
    return (others(_every_role(question, catalog)) or others(catalog.fields_in(question, FIELD_WORDS))
            or others(_field_beside_versus(question, catalog)) or others(catalog.own_words_in(question)))


def _field_beside_versus(question: str, catalog: Catalog) -> list[Guide]:
    """The guides whose field a comparison names in one word right beside its "vs", where that word
    can be nothing else; "job security vs pay" sets no field beside the role."""
    def beside(g: Guide) -> bool:
        return any(not re.search(r"\bjob\s+$", question[:m.start()], re.I)
                   and (re.match(rf"\s+{VERSUS}\s", question[m.end():], re.I)
                        or re.search(rf"\b{VERSUS}\s+(?:(?:in|at|on|with|for)\s+)?$", question[:m.start()], re.I))
                   for m in g.field.finditer(question))
    return [g for g in catalog.guides if beside(g)]


def answered(question: str, history: list[Turn], catalog: Catalog) -> tuple[str, list[Turn]] | None:
    """A reply to the question back ("… Which role do you mean?") that names a role and nothing else
    ("the neural net one", "security", "neural network engineer"): the question it answers, asked of
    that role, with the conversation before it."""
    if len(history) < 2 or history[-1].role != "assistant" or not history[-1].content.rstrip().endswith(WHICH_ROLE):
        return None
    found = catalog.roles_in(question) or catalog.field_in(question)
    if len(found) != 1 or not only_vague(without_filler(found[0].field.sub(" ", found[0].pattern.sub(" ", question)))):
        return None
    return f"{history[-2].content.strip()} ({found[0].role})", history[:-2]


def _every_role(question: str, catalog: Catalog) -> list[Guide]:
    """All the guides' roles, for a question about them together ("is either of these jobs remote?")
    when there are few enough to compare."""
    several = 1 < len(catalog.guides) <= MAX_EVERY_ROLE
    return list(catalog.guides) if several and EVERY_ROLE.search(question) else []


def _the_other(question: str, history: list[Turn], catalog: Catalog) -> list[Guide]:
    """The one role the asker's last question naming any was not about, for "and the other one?": after "I'm
    torn between neural network engineering and security analysis. Is demand for NN engineers growing?", the
    analysts, however the answer set both roles side by side."""
    if not OTHER_ROLE.search(question):
        return []
    for turn in reversed([t for t in history if t.role == "user"]):  # an answer may set both roles side by side
        said = catalog.speller.correct(turn.content)[0]
        last = {g.doc_id: max(m.end() for m in found) for g in catalog.guides if (found := list(g.pattern.finditer(said)))}
        if last:
            about = max(last, key=last.get)
            others = [g for g in catalog.guides if g.doc_id != about]
            return others if len(others) == 1 else []
    return []


def _conversation_roles(history: list[Turn], catalog: Catalog) -> list[Guide]:
    """The roles of the latest turn that names any: what "and what do they earn?" is about; a question
    about the roles together names them all ("which one pays more?" after "is either of these jobs
    remote-friendly?"). An answer that names several roles (one listing what the guides cover) settles
    nothing."""
    for turn in reversed(history):
        said = catalog.speller.correct(turn.content)[0]  # "nueral network enginer" too
        found = catalog.roles_in(said) or (_every_role(said, catalog) or _named_otherwise(said, catalog) or catalog.head_in(said)
                                           if turn.role == "user" else [])
        if found and (turn.role == "user" or len(found) == 1):
            return found
    return []

