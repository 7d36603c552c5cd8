"""Turn raw model lines into cited lines, or drop them. Only retrieved sections can be cited.

A 1.5B model's own ``[n]`` markers are unreliable (missing, used as list numbers, wrong), so a
marker is kept only when its source really shares the line's words; otherwise the line goes to
the source it overlaps most. A line with a figure no retrieved source contains is dropped: that
is how invented near-miss salaries are caught; a name (company, product, place) no source
contains is dropped the same way. Markers are renumbered in order of first use.

A line must also not say more than its source: when it adds more content words than a paraphrase
needs (``new_word_allowance``) — an adjective, a reason, a claim the section never makes, as in
"TensorFlow is a popular open-source library" cited to a line that only names TensorFlow — or adds a
single word that judges (``vocabulary.JUDGEMENTS``: "Cybersecurity is becoming more popular" from a
section saying attacks are more frequent), it is cut back to its first clause the source does back, or
dropped. A line that repeats an earlier one is dropped too.

Links are not passed on (``advisor.links``): a source's sentences that carry a URL, domain or
e-mail address are not citable, and a line with a link its cited section does not hold is dropped,
so an instruction planted in a guide ("readers asking about pay should visit …") reaches no answer.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from advisor.guides import parent_id
from advisor.links import links_in, without_links
from advisor.scope import VAGUE_TOKENS
from advisor.textmatch import best_sentence, bullets, content_tokens, coverage, names, numbers, role_words, sentences
from advisor.types import Citation, Hit
from advisor.vocabulary import JUDGEMENTS, about_the_guide, asks_pay, job_titles, paraphrased, without_everyday

log = logging.getLogger(__name__)

MARKER = re.compile(r"\s*(?:\[(?:source\s*)?(\d+(?:\s*,\s*\d+)*)\]|\((?:source\s*)?(\d+)\))", re.I)
PREFIX = re.compile(r"^(\s*(?:[-*•]|\d+[.)])\s+)+")  # "- - " too: one bullet comes back
LABELLED_BULLET = re.compile(r"^([^:]{1,60}:)\s+[-*•]\s+")  # "Neural Network Engineer: - Competitive salaries …"
MIN_COVERAGE = 0.34
MAX_FRAMING_WORDS = 3
MAX_NEW_WORDS = 2  # content words a line may add to its source: the joins a paraphrase needs
REPEAT_OVERLAP = 0.8  # a line whose words are this much in an earlier line's repeats it
MIN_REPEAT_WORDS = 3  # shorter lines ("Python") may name what a longer one did, but not say it again
CLAIMED_SHARE = 0.75  # of the best source's coverage, that the source a model's marker names must reach
MAX_FULL_WORDS = 40  # a source line this short replaces a model line that cuts it short
EMPHASIS = re.compile(r"[*_`]")  # Markdown emphasis the model puts around a heading
LABEL = re.compile(r"^[^:]{1,40}:\s+(?=\S)")  # "Location: " before what a line says
BOLD_CLAIM = re.compile(r"^\*\*([^*]+?)\*\*\s*:\s*$")  # "**Make sure the data is of good quality**:", a claim set as a heading
# a span the question puts in quotes, of MIN_QUOTED_WORDS words or more
QUOTED = re.compile(r"(?<!\w)[\"“‘']([^\"“”‘’']{3,200})[\"”’'](?!\w)")
MIN_QUOTED_WORDS = 2

# where a line can be cut back to what its source says: before a reason, an aside or an addition
CLAUSE = re.compile(r",\s+(?:which|because|as|since|so|making|allowing|enabling|helping|and|but|while)\b"
                    r"|\s+(?:because|due to|since|which|so that|thanks to)\s+|;\s+|\s+[-–—]\s+|:\s+(?=[a-z])")


# a line that answers a yes/no question: the question's words are no backing for it
VERDICT_START = re.compile(r"^(?:yes|no|nope|yep|absolutely|definitely|certainly)\b", re.I)
# an answer must not harden what its source hedges: "A PhD is required" from "often preferred: a Ph.D."
OBLIGATION = re.compile(r"\b(?:required|requires?|mandatory|must|essential|necessary|compulsory|obligatory)\b", re.I)
NEGATED = re.compile(r"\b(?:not|no|never|nor|without)\b|n't\b", re.I)
HEDGE = re.compile(r"\b(?:preferred|often|usually|typically|generally|may|might|can|some|sometimes|helpful|plus|"
                   r"optional|recommended|advantage|useful|common(?:ly)?)\b", re.I)


# a comparison a line makes ("Mid-level salaries are higher than senior-level salaries"): its source must
# compare in the same word
# a line about every role at once: "Both degrees are required …", "… in the respective fields"
EVERY_SIDE = re.compile(r"\b(?:both|neither|respective(?:ly)?|either (?:role|career|job|field|path)s?|"
                        r"each (?:role|career|job|field|path)|the two (?:roles|careers|jobs|fields|paths))\b", re.I)
COMPARED = re.compile(r"\b(more|less|fewer|better|worse|(?!rather\b|other\b)\w+er)\s+than\b", re.I)


def obliges(text: str) -> bool:
    """The line says something is required, not that it isn't ("a PhD is not required")."""
    return any(not NEGATED.search(" ".join(text[: m.start()].split()[-3:])) for m in OBLIGATION.finditer(text))


CLAIM_BREAK = re.compile(r"(?<=[.!?])\s+(?=(?:\[\d+\]\s*)?[A-Z$(\"'])|(?<=[.!?\]])\s+(?=\[\d+\])")


def claims_of(raw: str) -> list[str]:
    """The sentences of a line that cites two or more sources, each a bullet of its own; else the line."""
    if len(MARKER.findall(raw)) < 2:
        return [raw]
    body = PREFIX.sub("", raw, count=1).strip()
    parts = [p.strip() for p in CLAIM_BREAK.split(body) if p.strip()]
    return [f"- {p}" for p in parts] if len(parts) > 1 else [raw]


def new_word_allowance(claim: set[str]) -> int:
    return max(MAX_NEW_WORDS, len(claim) // 4)


def speaks_of_pay(hit: Hit) -> bool:
    """Whether a source says anything of pay: official data, a pay word or a dollar figure."""
    return hit.kind != "section" or asks_pay(f"{hit.heading} {hit.text}") or "$" in hit.text


@dataclass
class CitationBuilder:
    hits: list[Hit]  # the numbered sources the model read
    strict: bool = True  # cut back or drop lines that claim more than their source says
    sections: list[Hit] = field(default_factory=list)  # the subsections behind an outline source
    question: str = ""  # its words are no claim: a line may echo them ("the best-paid analysts make …")
    roles: dict[str, re.Pattern] = field(default_factory=dict)  # guide doc id → how its role is named
    dropped: list[str] = field(default_factory=list)  # "why: line", for the Answer and the evals
    other_roles: tuple[str, ...] = ()  # careers the question names that no guide covers ("data scientists")
    # the last line checked, when it was dropped only because no source says it (not for a figure,
    # name or link no source has): what may be grounded on the closest sentence of a shown source
    unsupported: str | None = None
    _label: set[str] = field(default_factory=set)  # the guide a framing line above named ("Security Analysts:")
    _order: list[int] = field(default_factory=list)   # hit indices in order of first citation
    _claims: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # a line drawn from an outline is cited to the subsection it names: the exact section
        self._outlines = {parent_id(h.section_id) for h in self.sections}
        self._subsections = {h.section_id for h in self.sections}
        self._headed: set[str] = set()  # subsections a kept line already gave under their heading
        # "Heading:" alone, as a small model lists an outline, is completed with the outline's own item
        self._items = {item.partition(": ")[0].lower(): item for h in self.hits if h.section_id in self._outlines
                       for item in bullets(h.text)}
        # each subsection whole, where the model read it cut to a few sentences: an outline item it
        # copies may hold a sentence the cut left out, and is still that subsection's
        whole = {h.section_id: h for h in self.sections}
        self.hits = [whole.pop(h.section_id, h) for h in self.hits] + list(whole.values())
        self.hits = [h.model_copy(update={"text": without_links(h.text)}) for h in self.hits]
        # so is the label of a source's labelled bullet, with its colon ("AI Architect:" for "AI Architect:
        # in charge of …"); without one it is the model's own short line ("Competitive salaries")
        self._labels = {label.lower(): item for h in self.hits for item in bullets(h.text)
                        if len((label := item.partition(": ")[0]).split()) <= MAX_FRAMING_WORDS and label != item}
        self._tokens = [content_tokens(h.heading + " " + h.text) for h in self.hits]
        self._numbers = [numbers(h.text) for h in self.hits]
        self._all_numbers = set().union(*self._numbers) if self._numbers else set()
        self._all_text = " ".join(h.heading + " " + h.text for h in self.hits).lower()
        self._all_spaced = self._all_text.replace("-", " ")  # "entry-level" as "entry level", for whole titles
        self._said: list[set[str]] = []  # the claims of the lines kept so far
        self._asked = content_tokens(self.question)
        # the question's words that name nothing ("can you work from home doing this kind of job?"): a line
        # echoing them ("Yes, you can … doing this kind of job.") is backed by what else it says
        self._echoed = self._asked & VAGUE_TOKENS
        # what the question quotes ("is it true that 'CISSP only needs one year'?") is no source of its own
        self._quoted = [q.lower() for q in QUOTED.findall(self.question) if len(q.split()) >= MIN_QUOTED_WORDS]
        # a name the question gives ("Is Austin a tech hub?") is still a claim when the line starts
        # with it, where a capital says nothing: "Austin is a tech hub [1]" needs a source naming Austin;
        # so is another career it names ("Data scientists also earn competitive salaries")
        self._asked_names = names(self.question) | set(self.other_roles)
        self._roles = role_words(self.hits)

    @property
    def cited_lines(self) -> int:
        return sum(len(v) for v in self._claims.values())

    @property
    def cited_sections(self) -> list[Hit]:
        """The sources the kept lines cite, in order of first citation."""
        return [self.hits[i] for i in self._order if i in self._claims]

    def check_line(self, raw: str) -> str | None:
        """The line with verified, renumbered markers; '' for a blank line; None if dropped. A line
        whose sentences cite different sources ("[1] A. [2] B.") is checked sentence by sentence and
        comes back as one line per sentence kept."""
        self.unsupported = None
        if not raw.strip():
            return ""
        if len(parts := claims_of(raw)) > 1:
            return "\n".join(line for part in parts if (line := self.check_line(part))) or None
        claimed = {int(n) for m in MARKER.finditer(raw) for g in m.groups() if g for n in g.split(",")}
        body = MARKER.sub("", raw).rstrip()
        prefix_match = PREFIX.match(body)
        prefix = "- " if prefix_match else ""
        text = body[prefix_match.end():] if prefix_match else body.strip()
        text = LABELLED_BULLET.sub(r"\1 ", text)  # a label's line is one bullet, not a bullet in a bullet
        # a bare heading ("**Deployment**:", "Data Preparation", "A Typical Week › Working With Users:"):
        # the outline's item for it, when known
        bare = EMPHASIS.sub("", text).rstrip(" :").split("›")[-1].strip().lower()
        text = self._items.get(bare) or (self._labels.get(bare) if text.rstrip().endswith(":") else None) or text
        colon = text.rstrip().endswith(":")  # a heading or framing line, or a lead-in to what follows
        told = sentences(text)
        if not colon and 1 < len(told) and (kept := [s for s in told if not about_the_guide(s)]):
            text = " ".join(kept)  # "… deepen their expertise in one area. These are the main ways forward."
        claim, figures = self._claim(text), numbers(text)
        if not any(ch.isalpha() for ch in text) and not figures:
            return None  # a bare bullet, stray punctuation or a lone small number ("- 1 [1]"): no claim
        if not colon and (after := LABEL.sub("", text)) != text and not content_tokens(after) and not numbers(after):
            self._drop(raw, "a label with nothing after it")  # "AI/neural network engineering: 1, 2, 3, 4"
            return None
        if about_the_guide(text) and not colon:  # "Here is what it says:" frames what follows
            self._drop(raw, "speaks of the guide's layout, not of the job")
            return None
        if quoted := next((q for q in self._quoted if q in text.lower() and q not in self._all_text), None):
            self._drop(raw, f"repeats the question's quote {quoted!r}, which no retrieved source says")
            return None
        if figures - self._all_numbers:
            self._drop(raw, f"figures {sorted(figures - self._all_numbers)} are in no retrieved source")
            return None
        # in the plural too: "Accountants usually earn less than $69,660" after "what does an accountant earn?"
        said = names(text) | {n for n in self._asked_names if re.search(rf"(?<!\w){re.escape(n)}(?:s|es)?(?!\w)", text, re.I)}
        roles = self._roles | self._role_names(text)
        if colon:  # a heading's capitals: "Day-to-Day of a Neural Network Engineer:"
            roles |= self._asked
        unknown = [n for n in sorted(said) if not content_tokens(n) <= roles and not self._mentions(n)]
        if unknown:
            self._drop(raw, f"names {unknown} are in no retrieved source")
            return None
        if self.strict and (invented := self._invented_titles(text)):
            self._drop(raw, f"titles {invented} are in no retrieved source")
            return None
        chosen = self._choose(claim, figures, claimed, text)
        heading_only = (len(claim) <= MAX_FRAMING_WORDS or "›" in text) and not figures and colon  # "A › B:" too
        if chosen is None:
            if heading_only and prefix and claim - set().union(*self._tokens) - self._asked:
                # a bullet heading of the model's own ("- Potential for entrepreneurship:") heads nothing a source says
                self._drop(raw, "a heading no source names")
                return None
            if heading_only and not links_in(text):
                # framing ("Here is what the guide says:"), not a claim; one naming a role ("**Security
                # Analysts**:") heads the lines below it, which that role's guide must then back
                self._label = self._labelled(text) or self._label
                return prefix + text
            self._drop(raw, "no retrieved source supports it")
            self.unsupported = text
            return None
        if heading_only and (title := self._listed_title(text)):
            text, claim = title, self._claim(title)  # "Security Architect:", one of the titles a source lists
        elif heading_only and (named := self._labelled(text)):
            self._label = named  # "Senior roles in Neural Network Engineering can lead to:" heads that role's lines
            return prefix + text
        elif heading_only:
            # a section's heading alone ("Career Advancement:") says nothing, yet would cite the section
            # and so keep a broad answer's completion from giving what the section does say
            self._drop(raw, "a heading with nothing after it")
            return None
        if planted := links_in(text) - links_in(self.hits[chosen].heading + " " + self.hits[chosen].text):
            self._drop(raw, f"links {sorted(planted)} are not in its source")
            return None
        if obliges(text) and self._hedged(chosen, text):
            self._drop(raw, "makes a requirement of what its source hedges")
            return None
        if self.strict and (missing := self._unnamed(text, chosen)):
            # "Silicon Valley: pays more" cited to a section on what affects pay, which names no place
            self._drop(raw, f"names {missing} are not in its source")
            self.unsupported = text
            return None
        if self.strict and figures and (elsewhere := self._about_another(claim, chosen)):
            # "Reinforcement learning … CAGR of 19.9%" cited to the neural network market's figure: the
            # question's words excuse no subject another source is about
            self._drop(raw, f"gives its source's figure to {elsewhere}, which another source is about")
            self.unsupported = text
            return None
        if self.strict and (both := self._of_every_side(text, chosen)):
            # "Both degrees are required for entry-level positions in the respective fields" cited to the
            # analysts' degrees alone: one role's source backs no claim about every role
            self._drop(raw, f"speaks of every role ({both!r}) from one role's source")
            self.unsupported = text
            return None
        if self.strict and (verdict := VERDICT_START.match(text)) and len(
                unbacked := claim - self._tokens[chosen] - content_tokens(verdict.group(0))) > new_word_allowance(claim):
            # "Yes, you can get a security analyst job straight out of college with zero experience" cited to
            # "… hard to land straight out of school": a yes or no must stand on its source's words, not the question's
            self._drop(raw, f"answers yes or no in words its source does not use: {sorted(unbacked)}")
            self.unsupported = text
            return None
        if self.strict and self._says_more(claim, chosen):
            cut = self._cut_back(text, chosen)
            if cut is None:
                self._drop(raw, f"says more than its source: {sorted(claim - self._tokens[chosen] - self._asked)}")
                self.unsupported = text
                return None
            text, claim = cut, self._claim(cut)
        if self.strict and (unmade := self._unmade_comparisons(text, chosen)):
            self._drop(raw, f"compares ({', '.join(unmade)} than) where its source does not")
            self.unsupported = text
            return None
        text, claim = self._in_full(text, claim, chosen)
        if self.strict and asks_pay(text) and not speaks_of_pay(self.hits[chosen]):
            # "Silicon Valley, Toronto … all pay more" cited to the hotspots, which say nothing of pay:
            # the question's own words ("do those places pay more?") back no claim about them
            self._drop(raw, "speaks of pay, which its source does not")
            self.unsupported = text
            return None
        if len(new := self._new_sentences(text)) < len(sentences(text)) and new:  # says an earlier line again, then more
            text, claim = " ".join(new), self._claim(" ".join(new))
        # "Employer: The figures are for the US market." repeats "Location: The figures are …"
        said_now = claim, self._claim(LABEL.sub("", text))
        if any(self._repeats(c) for c in said_now):
            self._drop(raw, "repeats an earlier line")
            return None
        self._said.extend(said_now)
        if chosen not in self._claims:
            self._order.append(chosen)
            self._claims[chosen] = []
        self._claims[chosen].append(text)
        text = BOLD_CLAIM.sub(r"\1", text)
        return f"{prefix}{self._under_heading(text, chosen)} [{self._order.index(chosen) + 1}]"

    def _labelled(self, text: str) -> set[str]:
        """The guides whose role a framing line names: the lines below it are about that role."""
        return {doc for doc, pattern in self.roles.items() if pattern.search(text)}

    def _listed_title(self, text: str) -> str | None:
        """A job title alone with a colon after it, as a small model lists the titles a source names
        ("Security Architect:"): the title, an item of its own."""
        title = EMPHASIS.sub("", text).strip(" :")
        return title if job_titles(title) and self._names_whole(title) else None

    def _under_heading(self, text: str, index: int) -> str:
        """The first line drawn from one of an outline's subsections, under its heading as the outline
        items are ("Deployment: Put trained models into …"): a broad answer reads as one list, and says
        which part of the topic each line is about."""
        hit = self.hits[index]
        if hit.section_id not in self._subsections or hit.section_id in self._headed:
            return text
        self._headed.add(hit.section_id)
        # a long heading is a label too: "Machine Learning and Deep Learning Expertise: …" is not headed twice
        return text if LABEL.match(text) or text.startswith(f"{hit.own_heading}:") else f"{hit.own_heading}: {text}"

    def _new_sentences(self, text: str) -> list[str]:
        """The sentences of ``text`` no kept line has said."""
        return [s for s in sentences(text) if not self._repeats(self._claim(s))]

    def _repeats(self, claim: set[str]) -> bool:
        return claim in self._said or (len(claim) >= MIN_REPEAT_WORDS and any(
            len(claim & said) >= REPEAT_OVERLAP * len(claim) for said in self._said))

    def _claim(self, text: str) -> set[str]:
        """What a line claims, in the guides' words: "you can work from home" claims "remotely" where
        the sources say "work remotely" (vocabulary.PARAPHRASES)."""
        if paraphrased(text) != text:
            vocabulary = set().union(*self._tokens)
            text = without_everyday(paraphrased(text), lambda words: content_tokens(words) <= vocabulary)
        return content_tokens(text) - self._roles

    def _mentions(self, name: str, source: str | None = None) -> bool:
        """The sources (or one ``source``'s lowered text) name ``name`` as a word of its own ("He" is not
        in "the"; "PhD" is "Ph.D.")."""
        source = self._all_text if source is None else source
        return any(re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) for word, text in (
            (name.lower(), source), (name.lower().replace(".", ""), source.replace(".", ""))))

    def _invented_titles(self, text: str) -> list[str]:
        """The job titles a line gives that neither a source names whole nor a guide has as its role:
        "Neural Network Architect" passes a check word by word where the guide says "AI Architect"."""
        return sorted(t for t in job_titles(text) if not any(p.fullmatch(t) for p in self.roles.values())
                      and not self._names_whole(t))

    def _names_whole(self, title: str) -> bool:
        """Some source names ``title`` whole, in the singular or plural, with "-" or " " between words."""
        words = re.escape(title.lower().replace("-", " "))
        return bool(re.search(rf"(?<![a-z0-9]){words}(?:s|es)?(?![a-z0-9])", self._all_spaced))

    def _hedged(self, index: int, text: str) -> bool:
        """The source sentence the line draws on says "often", "preferred", "may" … and no "required"."""
        sentence = best_sentence(self.hits[index].text, text)
        return bool(HEDGE.search(sentence)) and not OBLIGATION.search(sentence)

    def _unmade_comparisons(self, text: str, index: int) -> list[str]:
        """The comparative words of "… than" comparisons a line makes that source ``index`` never uses:
        "Senior-level salaries are higher than top earners" from bands that only give figures."""
        hit = self.hits[index]
        source = f"{hit.heading} {hit.text}".lower()
        return [w for w in (m.group(1).lower() for m in COMPARED.finditer(text))
                if not re.search(rf"\b{re.escape(w)}\b", source)]

    def _of_every_side(self, text: str, index: int) -> str | None:
        """The words by which a line speaks of every role ("both", "the respective fields"), when the
        sources are several roles' and source ``index``, one role's, does not use them itself."""
        said = EVERY_SIDE.search(text)
        if not said or len({h.doc_id for h in self.hits}) < 2:
            return None
        hit = self.hits[index]
        return None if said.group(0).lower() in f"{hit.heading} {hit.text}".lower() else said.group(0)

    def _unnamed(self, text: str, index: int) -> list[str]:
        """The names a line gives (places, products, credentials) that source ``index`` does not:
        the few new words a paraphrase may add are joins, never a name."""
        hit = self.hits[index]
        source = f"{hit.heading} {hit.text}".lower()
        return sorted(n for n in names(text) if not content_tokens(n) <= self._asked | self._roles | self._role_names(text)
                      and not self._mentions(n, source))

    def _role_names(self, text: str) -> set[str]:
        """The words of the guides' roles as ``text`` names them, by any alias ("Infosec Analysts"): a
        role the guides cover is no claim a source must make, whichever of its names a line uses."""
        return content_tokens(" ".join(m.group(0) for pattern in self.roles.values() for m in pattern.finditer(text)))

    def _about_another(self, claim: set[str], index: int) -> list[str]:
        """The question's words a line claims that its source lacks and another source's heading
        names: what that other source is about."""
        borrowed = (claim & self._asked) - self._tokens[index]
        headings = set().union(*(content_tokens(h.heading) for i, h in enumerate(self.hits) if i != index))
        return sorted(borrowed & headings)

    def _says_more(self, claim: set[str], index: int) -> bool:
        """More new words than a paraphrase needs, or any word that judges ("popular") its source
        does not use itself: one such word is the whole of an invented claim."""
        new = claim - self._tokens[index] - self._asked
        return len(new) > new_word_allowance(claim) or bool(new & JUDGEMENTS)

    def _cut_back(self, text: str, index: int) -> str | None:
        """The longest first part of ``text``, cut at a clause, that source ``index`` backs."""
        for m in reversed(list(CLAUSE.finditer(text))):
            head = text[: m.start()].rstrip(" ,;:-–—")
            claim = self._claim(head)
            if claim and coverage(claim, self._tokens[index]) >= MIN_COVERAGE and not self._says_more(claim, index):
                return head + "."
        return None

    def _in_full(self, text: str, claim: set[str], index: int) -> tuple[str, set[str]]:
        """The source's own line when the model's line only cuts it short ("Recurrent Neural Networks"
        for "Recurrent Neural Networks, known as RNNs"): the guide's exact terms reach the answer."""
        line = best_sentence(self.hits[index].text, text)
        full = self._claim(line)
        if (claim and claim < full and len(line.split()) <= MAX_FULL_WORDS and not line.endswith(":")
                and not links_in(line)):
            return line, full
        return text, claim

    def complete(self, items: list[tuple[str, Hit]]) -> list[str]:
        """The items of a broad question's topic the answer has not given, each cited to its section
        (``Catalog.items``): the whole list however few the model chose, whatever part of it the model
        was shown. An outline item is left out when the answer already cites its subsection; a list
        section's bullets (one section) are checked like any line, so those already said drop as repeats."""
        cited = {self.hits[i].section_id for i in self._claims}
        self._label = set()  # each item names its own source: no role label of the model's holds for it
        one_section = len({hit.section_id for _, hit in items}) == 1
        before = len(self.dropped)
        todo = [(item if one_section or hit.section_id not in cited else self._unsaid(item, hit), hit)
                for item, hit in items]
        lines = [line for text, hit in todo if text if (line := self.check_line(f"- {text} [{self._source(hit) + 1}]"))]
        del self.dropped[before:]  # the guide's own items are no model lines: one left out is no dropped line
        return lines

    def _unsaid(self, item: str, hit: Hit) -> str:
        """An outline item ("Heading: first sentence. second sentence.") with only the sentences the
        answer has not given yet, or "" when it gave them all: a model line that said a subsection's
        first sentence ("Incidents do not respect the working day.") still leaves the one with the
        facts ("… called in at night or on weekends"). A named subsection's later items are its own
        sentences and bullets, under no heading: "Forensics" after the model gave two of four."""
        label = f"{hit.own_heading}: "
        heading, body = (label, item.removeprefix(label)) if item.startswith(label) else ("", item)
        rest = self._new_sentences(body)
        return f"{heading}{' '.join(rest)}" if rest else ""

    def _source(self, hit: Hit) -> int:
        """The index of ``hit`` among the sources, added when the model did not read it."""
        index = next((i for i, h in enumerate(self.hits) if h.section_id == hit.section_id), None)
        hit = hit.model_copy(update={"text": without_links(hit.text)})
        if index is None:
            self.hits.append(hit)
            self._tokens.append(set())
            self._numbers.append(set())
            index = len(self.hits) - 1
        elif len(hit.text) <= len(self.hits[index].text):
            return index
        # new, or the whole of a section the model read cut to the sentences the question needed
        self.hits[index] = hit
        self._tokens[index] = content_tokens(hit.heading + " " + hit.text)
        self._numbers[index] = numbers(hit.text)
        self._all_numbers |= self._numbers[index]
        self._all_text += " " + (hit.heading + " " + hit.text).lower()
        return index

    def ground(self, sentence: str, hit: Hit) -> str | None:
        """A sentence of ``hit`` (a source the user was shown) in place of a model line no source
        backed: checked like any line, so it is dropped if it repeats one already given."""
        index = self._source(hit)
        return self.check_line(f"- {sentence} [{index + 1}]")

    def cite_fixed(self, text: str, *hits: Hit) -> str:
        """Cite a line built by rule from the ``hits``' own text (profile advice, official wages)."""
        marks = []
        for hit in hits:
            index = self._source(hit)
            if index not in self._claims:
                self._order.append(index)
                self._claims[index] = []
            self._claims[index].append(text)
            marks.append(f"[{self._order.index(index) + 1}]")
        return f"- {text} {''.join(marks)}"

    def _choose(self, claim: set[str], figures: set[str], claimed: set[int], text: str = "") -> int | None:
        said = claim - self._echoed or claim
        candidates = [i for i in range(len(self.hits)) if coverage(said, self._tokens[i]) >= MIN_COVERAGE
                      and figures <= self._numbers[i]]
        if named := {doc for doc, pattern in self.roles.items() if pattern.search(text)} or self._label:
            # a line about a role is backed by that role's guide, not by another's figures
            candidates = [i for i in candidates if self.hits[i].doc_id in named or self.hits[i].kind != "section"]
        if not candidates:
            return None
        if self.strict:  # a source that says all the line says (and names what it names) beats one the model named
            candidates = [i for i in candidates if not self._unnamed(text, i)] or candidates
            candidates = [i for i in candidates if not self._says_more(claim, i)] or candidates
        candidates = [i for i in candidates if self.hits[i].section_id not in self._outlines] or candidates
        share = {i: coverage(claim, self._tokens[i]) for i in candidates}
        # the model's marker stands when its source says nearly as much of the line as the best one
        preferred = [i for i in candidates if i + 1 in claimed and share[i] >= CLAIMED_SHARE * max(share.values())]
        return max(preferred or candidates, key=share.__getitem__)

    def _drop(self, line: str, why: str) -> None:
        log.info("dropped answer line (%s): %r", why, line[:120])
        self.dropped.append(f"{why}: {line.strip()}")

    def citations(self) -> list[Citation]:
        out = []
        for n, i in enumerate(self._order, start=1):
            hit = self.hits[i]
            out.append(Citation(n=n, section_id=hit.section_id, doc=hit.doc_id, title=hit.title,
                                heading_path=hit.heading, source=hit.source, kind=hit.kind, url=hit.url,
                                wages=hit.wages, onet=hit.onet, quote=best_sentence(hit.text, " ".join(self._claims[i]))))
        return out
