"""What the indexed guides cover, read once from the index: each guide's role and other names, its
outline, and the words it uses (for typo correction and the year check).

Nothing in the code names a role: a guide dropped into ``knowledge/`` brings its role, its
``aliases`` and its headings, and everything here follows from them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from advisor import scope
from advisor.bm25 import tokenize
from advisor.links import links_in
from advisor.spelling import Speller
from advisor.textmatch import GENERIC, bullets, numbers, says_phrase, sentences, stem, stems
from advisor.types import Hit
from advisor.vocabulary import FIELD_NOUNS, PAY_ASIDE, USPS, foreign_place, TOPICS, VAGUE, about_the_guide, asks_pay, job_titles, levels_in, spelled_for, topics_in, understood, without_topic_words
from ingest.sections import PATH_SEPARATOR

MAX_DETAILS = 8  # sentences of one section an answer is completed with
SHORT_SENTENCE_WORDS = 12
OUTLINE_ITEM_WORDS = 30  # an outline item says this much of its subsection, when its sentences are short
# … and this much in the answer's completion, which the model does not read: a fact further into a
# subsection ("Some run penetration tests …") reaches the answer without lengthening the prompt
COMPLETION_ITEM_WORDS = 60


@dataclass(frozen=True)
class Guide:
    doc_id: str
    role: str
    title: str
    aliases: tuple[str, ...]
    facts: dict = field(default_factory=dict, compare=False, hash=False)  # front matter: ingest facts_of

    @property
    def salary_year(self) -> str:
        return str(self.facts.get("salary_year", ""))

    @property
    def pay_period(self) -> str:
        """What the guide's pay figures are: "US 2024"."""
        return " ".join(str(self.facts[k]) for k in ("region", "salary_year") if self.facts.get(k))

    @cached_property
    def pattern(self) -> re.Pattern:
        """The role or any alias, in any case, with "-" or " " between words, singular or plural, or
        as the name of its field ("neural network engineering", "information security analysis")."""
        spelled = "|".join(_spaced([*map(re.escape, words[:-1]), _field_forms(words[-1])]) for words in self._names())
        return re.compile(rf"\b(?:{spelled})\b", re.I)

    @cached_property
    def field(self) -> re.Pattern:
        """The role or an alias without its last word, singular or plural: "the neural net one", "the
        security one" answer the question which role is meant ("Which role do you mean?")."""
        fields = sorted({tuple(words[:-1]) for words in self._names() if len(words) > 1},
                        key=lambda words: len(" ".join(words)), reverse=True)
        spelled = "|".join(_spaced(map(re.escape, words)) + "s?" for words in fields)
        return re.compile(rf"\b(?:{spelled})\b", re.I) if fields else re.compile(r"(?!)")

    def _names(self) -> list[list[str]]:
        """The role and its aliases as words, longest first (so the longest name matches)."""
        names = sorted({n.strip() for n in (self.role, *self.aliases) if n.strip()}, key=len, reverse=True)
        return [re.split(r"[\s-]+", n) for n in names]


FIELD_FORMS = (("eer", ("eering",)), ("yst", ("ysis", "ytics")), ("ist", ("istry",)))  # the person → the work


def _spaced(words) -> str:
    """Word patterns joined as a name is written: "neural network", "neural-network"."""
    return r"[\s-]+".join(words)


def _field_forms(word: str) -> str:
    """A role's last word as a pattern: itself, its plural, and the name of the work it does."""
    forms = [re.escape(word) + "(?:s|es)?"]
    for ending, fields in FIELD_FORMS:
        if word.lower().endswith(ending):
            forms += [re.escape(word[: -len(ending)]) + f for f in fields]
    return "(?:" + "|".join(forms) + ")"


# what may come right before a role's last word said alone as people ("which industry pays analysts best?",
# "what does the analyst do?"); any other word may make it another job ("data analysts", "SOC analysts")
BEFORE_HEAD = re.compile(r"(?:^|[^\w\s'-]\s*|\b(?:a|an|the|these|those|this|that|our|of|for|as|to|do|does|did|are|"
                         r"were|is|pay|pays|paid|most|many|all|new|fellow|other|junior|senior|experienced|top|become|"
                         r"becoming|hire|hires|hiring|with|and|or|vs)\s+)$", re.I)
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9+]{2,}s?\b")  # "CISSP", "CEH", "GPUs": a term, in capitals as the guides write it


def _names_alone(sentence: str) -> list[str]:
    """The words a sentence writes in capitals on their own: after a word in lower case (or a comma, or the
    sentence's opening "The") and before one, or at its end: "Linux" and "Windows" in "The Linux and Windows
    operating systems"; no word of a longer name ("World Economic Forum") nor the sentence's first word."""
    words = sentence.split()
    found = []
    for n, word in enumerate(words[1:], 1):
        bare, before = word.strip(",;.:()"), words[n - 1]
        after = words[n + 1] if n + 1 < len(words) else ""
        if not re.fullmatch(r"[A-Z][a-z+#]{2,}", bare):
            continue
        if (before[0].islower() or before.endswith((",", ";")) or (n == 1 and before == "The")) and \
                (not after or after[0].islower() or word.endswith((",", ";", "."))):
            found.append(bare)
    return found


def _one_guides(pairs: list[tuple[str, Guide]]) -> dict[str, Guide]:
    """The words of ``pairs`` that only one guide has, each with that guide."""
    return {w: g for w, g in pairs if {other.doc_id for word, other in pairs if word == w} == {g.doc_id}}


def parent_id(section_id: str) -> str:
    """The top-level section a section sits under: ``doc#salary-ranges/mid-level`` → ``doc#salary-ranges``."""
    return section_id.split("/", 1)[0]


class Catalog:
    """The guides in the index, their outline and their vocabulary."""

    def __init__(self, documents: dict[str, dict[str, str]], sections: list[Hit],
                 known_words: frozenset[str] = frozenset()) -> None:
        self.guides = [Guide(doc, d["role"], d["title"], tuple(a for a in d.get("aliases", "").split("|") if a),
                             json.loads(d.get("facts") or "{}"))
                       for doc, d in sorted(documents.items())]
        self.sections = sections  # every section, in stored order
        self.corpus = "\n".join(h.text for h in sections)
        self.words = frozenset(tokenize("\n".join(h.heading for h in sections) + "\n" + self.corpus))
        self.speller = Speller([h.heading + "\n" + h.text for h in sections]
                               + [" ".join((g.role, *g.aliases)) for g in self.guides], known_words, spelled_for)
        self.stems = stems("\n".join([self.corpus, *(h.heading for h in sections),
                                      *(" ".join((g.role, *g.aliases)) for g in self.guides)]))
        self.role_stems = stems(" ".join(" ".join((g.role, *g.aliases)) for g in self.guides))  # "neural nets"
        self.covered = scope.covered_roles({g.role for g in self.guides}, self.corpus) | {
            a.lower() for g in self.guides for a in g.aliases}

    @cached_property
    def gives_prices(self) -> bool:
        """Whether any guide gives a price: a question asking one is refused when none does."""
        return scope.gives_prices(self.corpus)

    def section(self, section_id: str) -> Hit | None:
        return next((h for h in self.sections if h.section_id == section_id), None)

    def guide(self, doc_id: str) -> Guide | None:
        return next((g for g in self.guides if g.doc_id == doc_id), None)

    @property
    def only(self) -> Guide | None:
        """The one guide, when the index holds exactly one."""
        return self.guides[0] if len(self.guides) == 1 else None

    def roles_in(self, text: str) -> list[Guide]:
        """The guides whose role the text names (by title or alias), in the order it names them."""
        found = [(m.start(), g) for g in self.guides if (m := g.pattern.search(text))]
        return [g for _, g in sorted(found, key=lambda pair: pair[0])]

    def naming_alone(self, text: str) -> list[Guide]:
        """The one guide that alone names an acronym ``text`` uses ("CISSP", "GPUs"), or none when no
        such term points to one guide or they point to several: a question naming no role still says
        which one it is about ("is CISSP something I can get right away?")."""
        found = set()
        for term in ACRONYM.findall(text):
            naming = self._saying(re.compile(rf"(?<![A-Za-z0-9]){re.escape(term.rstrip('s'))}s?(?![A-Za-z0-9])"))
            found |= {g.doc_id for g in naming} if len(naming) == 1 else set()
        return [g for g in self.guides if g.doc_id in found] if len(found) == 1 else []

    @cached_property
    def _named_terms(self) -> dict[str, Guide]:
        """Terms one guide alone names, lowered: an item it lists as one word ("- Forensics") and a name it
        writes on its own in capitals mid-sentence and never in lower case ("the Linux and Windows operating
        systems"; not a word of a longer name, "World Economic Forum", nor a place, "California")."""
        lower = set().union(*(re.findall(r"\b[a-z][a-z+#]*\b", h.heading + " " + h.text) for h in self.sections))
        found: list[tuple[str, Guide]] = []
        for h in self.sections:
            guide = self.guide(h.doc_id)
            found += [(item.lower(), guide) for item in bullets(h.text) if re.fullmatch(r"[A-Za-z]{4,}", item.strip(" ."))]
            found += [(name.lower(), guide) for sentence in sentences(h.text) for name in _names_alone(sentence)
                      if name.lower() not in lower and not foreign_place(name) and name.lower() not in USPS]
        said = {g.doc_id: set(re.findall(r"[a-z+#]+", " ".join(h.heading + " " + h.text for h in self.sections
                                                               if h.doc_id == g.doc_id).lower())) for g in self.guides}
        return {w: g for w, g in dict(found).items()
                if not any(w in words for doc, words in said.items() if doc != g.doc_id) and w not in VAGUE}

    def naming_terms(self, text: str) -> list[Guide]:
        """The one guide that alone names a term a question uses (``_named_terms``: "can I specialize later on,
        like in forensics?", "do I need linux?"), or none when no such term points to one guide or they point
        to several."""
        found = {self._named_terms[w].doc_id for w in re.findall(r"[a-z+#]+", text.lower()) if w in self._named_terms}
        return [g for g in self.guides if g.doc_id in found] if len(found) == 1 else []

    def _saying(self, term: re.Pattern) -> list[Guide]:
        """The guides whose text says ``term``."""
        return [g for g in self.guides if term.search(self._texts[g.doc_id])]

    @cached_property
    def _texts(self) -> dict[str, str]:
        """Each guide's sections' text, joined once: what ``_saying`` searches."""
        return {g.doc_id: "\n".join(h.text for h in self.sections if h.doc_id == g.doc_id) for g in self.guides}

    @cached_property
    def _own_words(self) -> dict[str, Guide]:
        """Words that name one role because no other guide uses them: the field a job title its guide
        names starts with ("AI Architect", "Cyber Security Specialist") and its own field in one word
        ("cybersecurity", "infosec"). Not the last word of a longer field ("security", of "information
        security"): said alone it is as often something else ("job security")."""
        said = {g.doc_id: set(re.findall(r"[a-z]+", self._texts[g.doc_id].lower())) for g in self.guides}
        heads = {words[-2].lower() for g in self.guides for words in g._names() if len(words) > 2}
        owned: dict[str, Guide] = {}
        for g in self.guides:
            named = {title.split()[0].lower() for title in job_titles(self._texts[g.doc_id])}
            named |= {words[0].lower() for words in g._names() if len(words) == 2}
            others = set().union(*(words for doc, words in said.items() if doc != g.doc_id))
            owned |= {w: g for w in named - heads if len(w) > 1 and not {w, w + "s", w.removesuffix("s")} & others}
        return owned

    @cached_property
    def _field_heads(self) -> dict[str, Guide]:
        """The last word of a longer field that only one role's names have ("security", of "information
        security analyst"): it names that role said as a field ("in the security field")."""
        return _one_guides([(words[-2].lower(), g) for g in self.guides for words in g._names() if len(words) > 2])

    def own_words_in(self, text: str) -> list[Guide]:
        """The roles a question names by words only their guides use ("why is demand for cybersecurity
        rising?", "AI vs cybersecurity: which has better prospects?") or by the last word of a longer
        field said as a field ("what are the toughest parts in the security field?"), in the order it
        names them."""
        said = ((m.group(1).lower(), m.group(2)) for m in re.finditer(rf"\b([A-Za-z]+?)s?\b(?:\s+({FIELD_NOUNS}))?", text))
        return list(dict.fromkeys(self._own_words.get(w) or self._field_heads[w] for w, field in said
                                  if w in self._own_words or (field and w in self._field_heads))) or self._field_phrase(text)

    def _field_phrase(self, text: str) -> list[Guide]:
        """The one guide whose text alone holds a two-word field a question names as a line of work ("for
        deep learning jobs which cities …?"); none when several guides or none say it."""
        for m in re.finditer(rf"\b([a-z]+ [a-z]+)\s+(?:{FIELD_NOUNS}|jobs|roles|positions)\b", text.lower()):
            if not set(m.group(1).split()) & VAGUE and len(saying := self._saying(re.compile(rf"\b{m.group(1)}\b", re.I))) == 1:
                return saying
        return []

    @cached_property
    def _heads(self) -> dict[str, Guide]:
        """The last word of a role's name that no other role's name ends with ("analyst", beside "engineer")."""
        return _one_guides([(words[-1].lower(), g) for g in self.guides for words in g._names()])

    def head_in(self, text: str) -> list[Guide]:
        """The one role a question names by its last word alone, as people ("which industry pays analysts
        best?"), when no other role's name ends with that word and no other word makes it another job."""
        found = {self._heads[m.group(1).lower()].doc_id for m in re.finditer(r"\b([A-Za-z]+?)(?:s|es)?\b(?!-)", text)
                 if m.group(1).lower() in self._heads and BEFORE_HEAD.search(text[:m.start()])}
        return [g for g in self.guides if g.doc_id in found] if len(found) == 1 else []

    def fields_in(self, text: str, min_words: int = 1) -> list[Guide]:
        """The guides whose field the text names ("the neural net one"), in at least ``min_words`` words."""
        return [g for g in self.guides if any(len(m.group(0).split()) >= min_words for m in g.field.finditer(text))]

    def field_in(self, text: str, min_words: int = 1) -> list[Guide]:
        """The one guide whose field the text names, or none when none or several do."""
        found = self.fields_in(text, min_words)
        return found if len(found) == 1 else []

    def role_names(self) -> str:
        """"A and B": the roles the guides cover, for answers that list them."""
        roles = [g.role for g in self.guides]
        return " and ".join([", ".join(roles[:-1]), roles[-1]]) if len(roles) > 1 else "".join(roles)

    def uses(self, words: str) -> bool:
        """Whether the guides use every word of ``words`` (as BM25 reads them)."""
        return set(tokenize(words)) <= self.words

    def unnamed(self, text: str) -> tuple[str, ...]:
        """The words of ``text`` (five letters or more) that no guide uses in any form, apart from
        vague words and those the question reader understands: what a question asks of that no
        guide speaks of ("a security clearance"), however close a guide sentence on "job security" is."""
        words = (w for w in re.findall(r"[a-z]{5,}", without_topic_words(text).lower()) if w not in VAGUE and w not in GENERIC)
        return tuple(dict.fromkeys(w for w in words if stem(w) not in self.stems and not understood(w)))

    def subsections(self, top_id: str) -> list[Hit]:
        return [h for h in self.sections if parent_id(h.section_id) == top_id and h.section_id != top_id]

    def outline_hit(self, top_id: str) -> Hit | None:
        """A top-level section as one source: its first sentence, then each subsection's heading and
        first sentence, so a broad question ("what are the main challenges?") can get the whole list."""
        children = self.subsections(top_id)
        if len(children) < 2:
            return None
        own = self.section(top_id)
        first = children[0]
        intro = next((s for s in sentences(own.text) if not about_the_guide(s)), "") if own else ""
        lines = [intro] if intro else []
        lines += [f"- {outline_item(h)}" for h in children]
        heading = first.top_heading
        return first.model_copy(update={"section_id": top_id, "heading": heading, "text": "\n".join(lines),
                                        "score": 0.0, "dense_rank": None, "bm25_rank": None})

    def items(self, topic_id: str, named: str | None = None) -> list[tuple[str, Hit]]:
        """What a complete answer about ``topic_id`` lists, each with the section it is cited to: a
        top-level section's outline items, or all a list section says ("Advantages of the Career").
        The subsection a question ``named`` ("which certs …" and "Certifications") is given whole, first."""
        children = self.subsections(topic_id)
        if len(children) >= 2:
            whole = [item for h in children if h.section_id == named for item in self._whole(h)]
            return whole + [(outline_item(h, COMPLETION_ITEM_WORDS), h) for h in children if h.section_id != named]
        own = self.section(topic_id)
        # all the list section says, its prose too: "Degrees" says "computer science" before its bullets
        return [(item, own) for item in self._told(own)] if own and len(bullets(own.text)) >= 2 else []

    def _whole(self, hit: Hit) -> list[tuple[str, Hit]]:
        """A subsection as items of its own: each of its sentences, the first under its heading."""
        said = self.details(hit.section_id)
        return [(f"{hit.own_heading}: {said[0][0]}", hit), *said[1:]] if said else [(outline_item(hit), hit)]

    def named_anywhere(self, doc_ids: set[str], question: str, among: set[str] | None = None,
                       best: str | None = None) -> str | None:
        """The one subsection of the guides ``doc_ids`` (of the sections ``among``, when given) whose
        own heading the question names by a word of its own ("what areas can I specialize in?" →
        "Career Paths and Specializations"), or None when none or several do ("which languages should
        I learn?": "Machine Learning …" and "Continuous Learning …" both say "learn") — unless one of
        those names every word of its heading ("Network Architectures", not "Architecture Selection") or is the
        ``best`` match ("what other job titles …?": "Titles You Will See", not "Senior Titles")."""
        said = stems(question)  # "what kinds of network architectures …?" names "Network Architectures" whole
        asked = said - VAGUE_STEMS - self.role_stems - understood_stems(question)  # "skills employers want"
        named = {h.section_id: stems(h.own_heading) - VAGUE_STEMS for h in self.sections if h.doc_id in doc_ids
                 and PATH_SEPARATOR in h.heading and (among is None or h.section_id in among) and stems(h.own_heading) & asked}
        whole = [section for section, heading in named.items() if heading <= said]
        return (next(iter(named)) if len(named) == 1 else whole[0] if len(whole) == 1 else best if best in named else None)

    def heading_named(self, doc_ids: set[str], question: str) -> str | None:
        """The one subsection of the guides ``doc_ids`` whose own heading of two words or more the
        question names whole, wherever it sits: "what's the growth outlook for …?" asks for
        "Overview › Growth Outlook", not the market topic's "Job Growth and Security". The longest
        such heading when one holds another ("Job Growth" within "Job Growth and Security")."""
        named = {h.section_id: own for h in self.sections if h.doc_id in doc_ids and PATH_SEPARATOR in h.heading
                 and len(own := stems(h.own_heading) - VAGUE_STEMS - self.role_stems) >= MIN_HEADING_WORDS
                 and says_phrase(question, h.own_heading)}
        longest = max(map(len, named.values()), default=0)
        found = [section for section, own in named.items() if len(own) == longest]
        return found[0] if len(found) == 1 else None

    def beside_pay(self, doc_ids: set[str]) -> str | None:
        """The section of the guides ``doc_ids`` that opens on what comes on top of pay ("On top of
        salary, many companies give … extra compensation and benefits"): what a question setting pay
        aside asks for."""
        return next((h.section_id for h in self.sections if h.doc_id in doc_ids
                     and PAY_ASIDE.search(next(iter(sentences(h.text)), ""))), None)

    def several_named(self, doc_ids: set[str], question: str) -> str | None:
        """The top-level section two or more of whose parts a question lists, each as an item of its own
        ("Management, specialising, senior titles — give me the options": Moving Up; "— degree, certs,
        experience?": Getting Qualified): it asks for that topic whole."""
        items = [stems(item) - VAGUE_STEMS - self.role_stems for item in LIST_ITEM.split(question)
                 if 0 < len(item.split()) <= MAX_ITEM_WORDS]
        found = []
        for top in {parent_id(h.section_id) for h in self.sections if h.doc_id in doc_ids and PATH_SEPARATOR in h.heading}:
            headings = [stems(h.own_heading) for h in self.subsections(top)]
            named = {i for item in items for i, heading in enumerate(headings) if item & heading}
            if len(named) >= MIN_NAMED_PARTS and sum(any(item & h for h in headings) for item in items) >= MIN_NAMED_PARTS:
                found.append(top)
        return found[0] if len(found) == 1 else None

    def pay_list(self, doc_id: str, topics: list[str]) -> str | None:
        """The one pay section of a guide that lists pay by what ``topics`` name ("Earnings by
        Industry" for employers), or None."""
        words = stems(" ".join(w for topic in topics for w in TOPICS[topic][1]))
        found = [h for h in self.sections if h.doc_id == doc_id and PATH_SEPARATOR in h.heading and asks_pay(h.heading)
                 and stems(h.own_heading) & words and self.items(h.section_id)]
        return found[0].section_id if len(found) == 1 else None

    def named_subsection(self, topic_id: str, question: str, by_opening: bool = True, best: str | None = None) -> str | None:
        """The one subsection of ``topic_id`` whose own heading the question names by a word of its
        own ("which certs do I need …" → "Getting Qualified › Certifications"; "what areas can I
        specialize in" → "Career Paths and Specializations"), or None when none or several do.
        ``by_opening``: else the one whose opening sentence says it, unless retrieval ranks another
        part ``best``: "what other directions could I take …? could I end up doing medical stuff?"
        shares only "up" with "Career Advancement" ("… can step up into leadership roles"), and
        "Career Paths and Specializations", ranked first, answers it."""
        children = self.subsections(topic_id)
        # the topic's own words name no one part of it: "main challenges" and "Dimensionality Challenges"
        asked = stems(question) - VAGUE_STEMS - stems(children[0].top_heading if children else "")
        named = [h for h in children if stems(h.own_heading) & asked]
        # else the part whose opening sentence says it: "what leadership roles can I grow into?" and
        # "Career Advancement": "… can step up into leadership roles such as:"
        said = asked - understood_stems(question)
        opened = [h for h in children if by_opening and stems(next(iter(sentences(h.text)), "")) & said]
        if opened and best and best not in {h.section_id for h in opened}:
            opened = [h for h in children if h.section_id == best]
        named = named or opened
        # else the part whose heading is a topic the question asks in other words: "what kind of
        # companies hire analysts?" and "Where Analysts Work › Employers"
        wanted = set(topics_in(question)) - set(topics_in(children[0].top_heading if children else ""))
        named = named or [h for h in children if wanted & set(topics_in(h.own_heading))]
        return named[0].section_id if len(named) == 1 else None

    def details(self, section_id: str) -> list[tuple[str, Hit]]:
        """What a section says, sentence by sentence (its bullets each one), for completing an answer
        drawn from it: "do I need certifications?" gets the credentials the section names, not only
        its opening line. Lead-ins ending with ':', sentences with a link and those about the guide's own
        layout ("These are the main ways forward.") are left out."""
        own = self.section(section_id)
        return [(s, own) for s in self._told(own)[:MAX_DETAILS]] if own else []

    def following(self, section_id: str, lead_in: str) -> str | None:
        """The first sentence a section tells after ``lead_in`` (one ending with ':'): what the lead-in
        introduces ("The role is built on maths and statistics:" → "A solid grasp of linear algebra …")."""
        own = self.section(section_id)
        said = sentences(own.text) if own else []
        rest = said[said.index(lead_in) + 1:] if lead_in in said else []
        told = set(self._told(own)) if own else set()
        return next((s for s in rest if s in told), None)

    @staticmethod
    def _told(hit: Hit) -> list[str]:
        """A section's sentences and bullets, without lead-ins, links and its guide's layout."""
        return [s for s in sentences(hit.text) if not s.endswith(":") and not links_in(s) and not about_the_guide(s)]

    def topic_sections(self, doc_ids: set[str], topics: list[str], asked: str = "") -> list[Hit]:
        """The sections of the ``doc_ids`` guides whose headings name the first of the ``topics`` any
        heading names ("Common Challenges", "Hard Parts of the Job" for challenges). A top-level heading
        comes first ("Job Prospects" before "Job Prospects › What Drives Demand" for the market), then a
        subsection's ("Requirements › Education"); at each level the topic's heading words count in
        order ("education", then "degrees"), those the question ``asked`` uses first ("what skills do
        employers look for?": "Skills Employers Look For" before "Getting Qualified"). Each guide's own,
        whatever words the others use."""
        return [h for doc_id in sorted(doc_ids) for h in self._topic_sections(doc_id, topics, stems(asked))]

    def under_topics(self, doc_ids: set[str], topics: list[str]) -> set[str]:
        """The ids of each topic's ``topic_sections`` and of the parts they hold: all that is about
        the topics ("what certification should I go for to move up, and what does it require?" is
        about moving up as much as about requirements)."""
        tops = {h.section_id for topic in topics for h in self.topic_sections(doc_ids, [topic])}
        return {h.section_id for h in self.sections if h.section_id in tops or parent_id(h.section_id) in tops}

    def _topic_sections(self, doc_id: str, topics: list[str], asked: set[str] = frozenset()) -> list[Hit]:
        """The first topic's sections; a subsection gives way to the top-level section it sits in when
        the question names that one too ("degree, skills, all of it": Requirements, not its Education)."""
        mine = [h for h in self.sections if h.doc_id == doc_id]
        named = [found for name in topics if (found := self._named_by(mine, name, asked))]
        if not named:
            return []
        parents = {parent_id(h.section_id) for h in named[0]}
        return next((found for found in named[1:] if {h.section_id for h in found} & parents), named[0])

    @staticmethod
    def _named_by(mine: list[Hit], topic: str, asked: set[str]) -> list[Hit]:
        levels = ([h for h in mine if "/" not in h.section_id], [h for h in mine if "/" in h.section_id])
        words = sorted(TOPICS[topic][1], key=lambda word: _stem(word) not in asked)
        for level in levels:
            # a heading that says all of another topic's heading words is that topic's: "Essential Soft
            # Skills" is no requirements section, though "skills" is a requirements word
            level = [h for h in level if not _claimed(h, topic)]
            for word in words:
                if found := [h for h in level if _stem(word) in _heading_words(h)]:
                    # a heading that is the word alone first ("Education", then "Industries and Education")
                    return sorted(found, key=lambda h: len(_heading_words(h)) > 1)
        return []

    def band(self, doc_id: str, level: str) -> Hit | None:
        """The guide's pay band for ``level`` ("mid-level"): the heading its front matter names in
        ``pay_bands``, else the subsection of a pay section whose heading names that level alone."""
        guide = self.guide(doc_id)
        named = (guide.facts.get("pay_bands") or {}).get(level) if guide else None
        mine = [h for h in self.sections if h.doc_id == doc_id and "/" in h.section_id]
        if named:
            return next((h for h in mine if _path(h.heading) == _path(named)), None)
        return next((h for h in mine if asks_pay(h.top_heading)
                     and levels_in(h.own_heading) == [level]), None)

    def band_figure(self, doc_id: str, level: str) -> tuple[str, Hit] | None:
        """The first sentence of the guide's band for ``level`` that gives a figure, with the band:
        "In May 2024 the occupation's median annual wage stood at $124,910." for the middle."""
        band = self.band(doc_id, level)
        figure = next((s for s in sentences(band.text) if numbers(s)), None) if band else None
        return (figure, band) if figure else None

    def requirements(self, doc_id: str) -> list[Hit]:
        """The subsections that list what the job requires: under the top-level headings the front
        matter names in ``requirements``, else under the first the requirements topic's words name."""
        guide = self.guide(doc_id)
        mine = [h for h in self.sections if h.doc_id == doc_id and "/" in h.section_id]
        tops = {_path(h.top_heading) for h in mine}
        named = {_path(r) for r in (guide.facts.get("requirements") or [])} if guide else set()
        if not named:
            named = next((found for word in TOPICS["requirements"][1]
                          if (found := {t for t in tops if _stem(word) in {_stem(w) for w in t.split()}})), set())
        return [h for h in mine if _path(h.top_heading) in named]

    def topic(self, hits: list[Hit], top: int = 5, min_share: int = 3) -> str | None:
        """The top-level section a question's best hits gather under (at least ``min_share`` of the
        first ``top``, the best among them), or None when they spread: "what regularisation tricks
        are recommended?" is about its best section's practices, not the challenges three more touch."""
        counts = Counter(parent_id(h.section_id) for h in hits[:top])
        if not counts:
            return None
        best, n = counts.most_common(1)[0]
        return best if n >= min_share and parent_id(hits[0].section_id) == best else None

    def opening(self, doc_id: str) -> str | None:
        """A guide's first top-level section, which says what the job is ("Overview", "What the Job Is")."""
        return next((h.section_id for h in self.sections if h.doc_id == doc_id and PATH_SEPARATOR not in h.heading), None)


# a question's list of short items ("Management, specialising, senior titles — give me the options")
LIST_ITEM = re.compile(r",|;|—|–|\s-\s|/|\?|\.|!|\b(?:and|or)\b")  # " - " is a dash typed
MAX_ITEM_WORDS = 3
MIN_NAMED_PARTS = 2  # items naming parts of one topic, to ask for the topic whole
MIN_HEADING_WORDS = 2  # a heading named whole names its part ("Growth Outlook"); one word ("Benefits") is a topic's
VAGUE_STEMS = frozenset(stems(" ".join(sorted(VAGUE | GENERIC))))


def understood_stems(question: str) -> set[str]:
    """The stems of the question's words the question reader understands (topic, pay, level …
    words): they say what the question is about, not which part of a guide it names."""
    return stems(" ".join(w for w in re.findall(r"[a-z]+", question.lower()) if understood(w)))


def _claimed(hit: Hit, topic: str) -> bool:
    """Another topic names the section's heading in two or more words, all of them ("soft skills")."""
    said = _heading_words(hit)
    return any(name != topic and len(words) > 1 and all(_stem(w) in said for w in words)
               for name, (_, words) in TOPICS.items())


def _path(heading: str) -> str:
    """A heading path as compared: "Earnings › Starting Out" whatever the spacing or case."""
    return PATH_SEPARATOR.join(part.strip().lower() for part in re.split(r"›|>", heading))


def _heading_words(hit: Hit) -> set[str]:
    """The words of a section's own heading (the last part of its path), without plural s."""
    return {_stem(w) for w in re.findall(r"[a-z]+", hit.own_heading.lower())}


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def outline_item(hit: Hit, words: int = OUTLINE_ITEM_WORDS) -> str:
    """A subsection as its topic's outline gives it: "Heading: first sentence", and the sentence after
    it when the first is a heading in prose ("Analysts put protective software to work.", then what
    it means) or when that one holds the figure ("… 24% of security professionals said …"), and the
    sentences after those while the item stays within ``OUTLINE_ITEM_WORDS``, so a list of short
    points says each whole ("… hard to explain. Develop … explainable. Tackle the 'black box' …"). A lead-in
    ending with ':' counts only when it says something ("Once they have experience and the right
    skills, engineers can step up into roles such as:") and comes before what it lists."""
    told = sentences(hit.text)
    lead_in = told[:1] if told and told[0].endswith(":") and len(told[0].split()) >= SHORT_SENTENCE_WORDS else []
    said = [s for s in told if not s.endswith(":")]
    if not said:  # nothing but lead-ins: the first stands alone
        lead_in, said = [], told[:1]
    take = 2 if len(said) > 1 and (len(said[0].split()) < SHORT_SENTENCE_WORDS or numbers(said[1])) else 1
    while take < len(said) and sum(len(s.split()) for s in said[:take + 1]) <= words:
        take += 1  # short ones whole: "… hard to explain. Develop … explainable. Tackle the 'black box' …"
    # bullets end in no stop: "Equity or stock options. Performance bonuses"
    told = [s if n == take - 1 or s[-1] in ".!?" else f"{s}." for n, s in enumerate(said[:take])]
    return f"{hit.own_heading}: {' '.join(lead_in + told)}"