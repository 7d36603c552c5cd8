"""Understanding a question: roles (by title, alias, conversation, the only guide), typos, levels,
pay, places abroad, comparisons, lists and topics — on catalogs built from sections, no index."""

import pytest

from advisor.guides import Catalog
from advisor.query import understand
from advisor.vocabulary import OTHER_ROLE
from advisor.types import Hit, Turn


def section(doc: str, role: str, heading: str, text: str) -> Hit:
    top, _, sub = heading.partition(" › ")
    sid = f"{doc}#{top.lower().replace(' ', '-')}" + (f"/{sub.lower().replace(' ', '-')}" if sub else "")
    return Hit(section_id=sid, doc_id=doc, role=role, title=role, heading=heading, source="s", text=text, score=0)


NNE = ("nne", "Neural Network Engineer", "NN engineer|neural net engineer")
ISA = ("isa", "Information Security Analyst", "security analyst|cybersecurity analyst")
SECTIONS = [
    section("nne", NNE[1], "Common Challenges", "Engineers face many challenges."),
    section("nne", NNE[1], "Common Challenges › Model Interpretability", "Networks are hard to interpret."),
    section("nne", NNE[1], "Common Challenges › Scalability", "Scaling models needs resources."),
    section("nne", NNE[1], "Salary Ranges › Entry-Level", "Entry-level engineers earn $70,000 to $100,000."),
    section("nne", NNE[1], "Requirements › Education", "A bachelor's degree in computer science; a Ph.D. helps."),
    section("isa", ISA[1], "Hard Parts of the Job", "The work has hard parts."),
    section("isa", ISA[1], "Hard Parts of the Job › Emergencies", "Breaches happen at night."),
    section("isa", ISA[1], "Hard Parts of the Job › Deadlines", "Fixes are due fast."),
    section("isa", ISA[1], "Earnings › Starting Out", "The lowest 10 percent earned less than $69,660."),
]


def catalog(*guides) -> Catalog:
    docs = {d: {"role": r, "title": r, "aliases": a} for d, r, a in guides}
    return Catalog(docs, [s for s in SECTIONS if s.doc_id in docs], frozenset({"what", "become", "starting", "that"}))


ONE, TWO = catalog(NNE), catalog(NNE, ISA)


@pytest.mark.parametrize("question, roles", [
    ("What do neural network engineers earn?", ["nne"]),
    ("What does an NN engineer do?", ["nne"]),  # an alias from the front matter
    ("Is a neural-net engineer well paid?", ["nne"]),  # the alias with a hyphen
    ("Is neural network engineering well paid?", ["nne"]),  # the name of the role's work
    ("Do cybersecurity analysts work nights?", ["isa"]),
    ("Compare security analysts and neural network engineers", ["isa", "nne"]),  # in the order named
])
def test_roles_named_by_title_or_alias(question, roles):
    q = understand(question, [], TWO)
    assert [g.doc_id for g in q.roles] == roles and q.named is bool(roles)


def test_the_only_guide_is_the_role_of_a_question_that_names_none():
    q = understand("do I need a doctorate for this line of work?", [], ONE)
    assert [g.doc_id for g in q.roles] == ["nne"] and not q.named and not q.unclear_role and q.refers_to_role
    assert "line of work" not in q.search  # matches no section; the topic (education) does


def test_a_term_only_one_guide_names_says_which_role_a_question_naming_none_is_about():
    docs = {d: {"role": r, "title": r, "aliases": a} for d, r, a in (NNE, ISA)}
    sections = [*SECTIONS, section("isa", ISA[1], "Moving Up › Certifications", "CISSP asks for five years of work."),
                section("nne", NNE[1], "Requirements › Hardware", "Engineers train models on GPUs. CISSP is rare here.")]
    guides = Catalog(docs, sections)
    assert [g.doc_id for g in understand("do I need to know about GPUs?", [], guides).roles] == ["nne"]
    q = understand("is CISSP something I can get right away?", [], guides)  # both guides name it: still unclear
    assert q.roles == () and q.unclear_role
    only_isa = Catalog(docs, [*SECTIONS, sections[-2]])
    assert [g.doc_id for g in understand("is CISSP something I can get right away?", [], only_isa).roles] == ["isa"]
    assert understand("How much does this job pay in the USA?", [], guides).unclear_role  # a term no guide names
    # whatever role the turn before was about: its guide never names the term
    history = [Turn(role="user", content="what do NN engineers earn?"), Turn(role="assistant", content="$70,000.")]
    assert [g.doc_id for g in understand("is CISSP worth it?", history, only_isa).roles] == ["isa"]
    assert [g.doc_id for g in understand("is it worth it?", history, only_isa).roles] == ["nne"]


def test_a_name_or_one_word_item_only_one_guide_has_says_which_role_a_question_naming_none_is_about():
    """dev20 d20s-11, dev19 d19s-10: "… like in forensics?", "… like linux?" had been asked which role."""
    docs = {d: {"role": r, "title": r, "aliases": a} for d, r, a in (NNE, ISA)}
    sections = [*SECTIONS, section("isa", ISA[1], "Moving Up › Specializing", "Analysts may narrow their work:\n"
                                   "- Forensics\n- Cloud security"),
                section("isa", ISA[1], "Skills › Systems", "They must know the Linux and Windows operating systems. "
                        "The World Economic Forum agrees."),
                section("nne", NNE[1], "Requirements › Languages", "Engineers code in Python, Java or C++. Hardware matters.")]
    guides = Catalog(docs, sections)
    for question in ("can i specialize later on, like in forensics or something?", "do I need linux?"):
        assert [g.doc_id for g in understand(question, [], guides).roles] == ["isa"], question
    assert [g.doc_id for g in understand("is java needed?", [], guides).roles] == ["nne"]
    for question in ("is cloud security a good niche?",  # two words: "cloud" is a word of either guide's
                     "is the forum a good place to ask?",  # a word of a longer name
                     "do I need linux or java?"):  # terms of both guides
        assert understand(question, [], guides).unclear_role, question
    # the conversation's role first: "do they need linux?" after the engineers asks it of engineers
    history = [Turn(role="user", content="what do NN engineers earn?"), Turn(role="assistant", content="$70,000.")]
    assert [g.doc_id for g in understand("do they need linux?", history, guides).roles] == ["nne"]


def test_comparing_with_another_role_after_a_question_on_the_market_compares_both():
    """dev15 d15s-13: "how does that compare with neural network engineers?" after the analysts' outlook had
    been answered for the engineers alone, with no figure of the analysts' to set beside theirs."""
    history = [Turn(role="user", content="what's the job outlook for information security analysts?"),
               Turn(role="assistant", content="BLS projects 29% growth from 2024 to 2034.")]
    q = understand("how does that compare with neural network engineers?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["isa", "nne"] and q.compares_roles



def test_comparing_what_the_turn_before_asked_with_another_role_is_about_both():
    """dev17 d17s-29: "how does that compare with what a security analyst needs?" after the engineers' skills
    had been answered for the analysts alone. A follow-up on another topic is about the role it names."""
    skills = [Turn(role="user", content="what skills do neural network engineers need?"),
              Turn(role="assistant", content="Python, linear algebra and statistics.")]
    q = understand("how does that compare with what a security analyst needs?", skills, TWO)
    assert [g.doc_id for g in q.roles] == ["nne", "isa"] and q.compares_roles
    hard = [Turn(role="user", content="what are the hard parts for security analysts?"),
            Turn(role="assistant", content="Breaches happen at night.")]
    assert [g.doc_id for g in understand("how does that compare with neural network engineers?", hard, TWO).roles] == [
        "isa", "nne"]
    other = understand("compared with that, which cities hire the most neural network engineers?", hard, TWO)
    assert [g.doc_id for g in other.roles] == ["nne"]


def test_the_other_one_is_the_role_the_conversation_was_not_last_about():
    """dev16 d16s-26: "and the other one? how many jobs are there total" after a question naming both roles
    but asking of the engineers had been answered for both, the engineers' lines included."""
    history = [Turn(role="user", content="I'm torn between NN engineering and security analysis. "
                                         "Is demand for NN engineers growing?"),
               Turn(role="assistant", content="Yes, demand is rising. NN engineers: 133 million new jobs. "
                                              "Security analysts: 29% growth.")]  # the browser try-out's answer
    assert [g.doc_id for g in understand("and the other one? how many jobs are there total", history, TWO).roles] == ["isa"]
    earlier = [Turn(role="user", content="what do security analysts earn?"), Turn(role="assistant", content="$124,910.")]
    assert [g.doc_id for g in understand("what about the other career?", earlier, TWO).roles] == ["nne"]
    assert not OTHER_ROLE.search("on the other hand, what do they earn?")


@pytest.mark.parametrize("question, roles", [
    ("which industry pays analysts best?", ["isa"]),  # dev18 d18s-12: had been asked which role
    ("what does the analyst do when a breach happens?", ["isa"]),
    ("Do engineers need a Ph.D.?", ["nne"]),
    ("which industry pays data analysts best?", []),  # another job: "data" says so
    ("what do SOC analysts do?", []),
])
def test_a_roles_last_word_alone_names_it_when_no_other_roles_name_ends_so(question, roles):
    q = understand(question, [], TWO)
    assert [g.doc_id for g in q.roles] == roles and not q.named


def test_a_two_word_field_only_one_guide_says_names_its_role():
    """dev16 d16s-19: "for deep learning jobs which cities have the most demand?" had been asked which role."""
    docs = {d: {"role": r, "title": r, "aliases": a} for d, r, a in (NNE, ISA)}
    guides = Catalog(docs, [*SECTIONS, section("nne", NNE[1], "Trends", "Deep learning keeps advancing.")])
    assert [g.doc_id for g in guides.own_words_in("for deep learning jobs which cities have the most demand?")] == ["nne"]
    assert guides.own_words_in("which cities have the most jobs?") == []


def test_a_field_only_one_guide_speaks_of_names_its_role():
    """dev14 d14s-26 ("why is the demand for cyber security people rising?"), dev5 d5s-18 ("AI vs cybersecurity")
    had been asked which role was meant: a job title's field ("Cyber Security Specialist", "AI Architect") or
    a one-word field of the front matter ("cybersecurity analyst") that no other guide uses names the role."""
    docs = {d: {"role": r, "title": r, "aliases": a} for d, r, a in (NNE, ISA)}
    sections = [*SECTIONS, section("isa", ISA[1], "Titles", "Postings say Cyber Security Specialist."),
                section("nne", NNE[1], "Moving Up", "Engineers become an AI Architect. Job security is high.")]
    guides = Catalog(docs, sections)
    roles = {q: [g.doc_id for g in understand(q, [], guides).roles] for q in (
        "why is the demand for cyber security people rising so much?", "AI vs cybersecurity - which has better prospects?",
        "is security a good field?")}  # both guides say "security"
    assert roles == {"why is the demand for cyber security people rising so much?": ["isa"],
                     "AI vs cybersecurity - which has better prospects?": ["nne", "isa"], "is security a good field?": []}
    assert understand("AI vs cybersecurity - which has better prospects?", [], guides).compares_roles
    # the last word of one role's longer field, said as a field (dev15 d15s-12 had been asked which role)
    assert [g.doc_id for g in understand("In the security field, what are the toughest parts?", [], guides).roles] == ["isa"]
    assert [g.doc_id for g in understand("do security careers pay well?", [], guides).roles] == ["isa"]


def test_with_several_guides_a_question_naming_no_role_is_unclear_unless_the_conversation_says():
    assert understand("How much does this job pay?", [], TWO).unclear_role
    history = [Turn(role="user", content="What do security analysts do?"),
               Turn(role="assistant", content="Security analysts watch networks [1].")]
    q = understand("and what do they earn?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["isa"] and not q.unclear_role and q.pay


@pytest.mark.parametrize("question", ["is either of these jobs remote-friendly?", "Which of these 2 jobs is easier to get into?",
                                      "do both careers pay well?", "how do the two roles differ?"])
def test_a_question_about_every_role_together_compares_them(question):
    q = understand(question, [], TWO)
    assert {g.doc_id for g in q.roles} == {"nne", "isa"} and q.compares_roles and not q.unclear_role
    assert understand("is this job remote-friendly?", [], TWO).unclear_role  # one job, not said which
    # whatever role the turn before was about
    history = [Turn(role="user", content="what do NN engineers earn?"), Turn(role="assistant", content="$70,000.")]
    assert {g.doc_id for g in understand(question, history, TWO).roles} == {"nne", "isa"}


def test_an_answer_that_lists_several_roles_does_not_settle_the_role():
    history = [Turn(role="assistant", content="My guides cover Information Security Analyst and Neural Network "
                                              "Engineer. Which role do you mean?")]
    assert understand("what do they earn?", history, TWO).unclear_role


def test_typos_are_corrected_against_the_guides_words_not_real_words():
    q = understand("r the chalenges for nueral network enginers hard? how do I become one", [], ONE)
    assert q.corrections == {"r": "are", "chalenges": "challenges", "nueral": "neural", "enginers": "engineers"}
    assert [g.doc_id for g in q.roles] == ["nne"] and q.named  # found once corrected
    assert "become" in q.search  # a real word (in the model's vocabulary) is left alone


@pytest.mark.parametrize("question, pay, abroad", [
    ("What do they earn in Germany?", True, "Germany"),
    ("How much are they making in London?", True, "London"),
    ("What do neural network engineers earn in New Mexico?", True, None),
    ("What's the pay in Vancouver, WA?", True, None),
    ("Which cities in India are hotspots?", False, None),  # not about pay
    ("What makes a good engineer?", False, None),
])
def test_pay_and_places_abroad(question, pay, abroad):
    q = understand(question, [], ONE)
    assert (q.pay, q.abroad) == (pay, abroad)


@pytest.mark.parametrize("question, levels, compares", [
    ("How does senior pay compare with entry level?", ("entry-level", "senior-level"), True),
    ("What do junior engineers earn?", ("entry-level",), False),
    ("What is the salary?", (), False),
    # dev19 d19n-01: had been answered with what pay depends on
    ("just graduated w/ a CS degree, how much could i realistically make in my first neural net job?", ("entry-level",), False),
])
def test_levels_and_level_comparisons(question, levels, compares):
    q = understand(question, [], ONE)
    assert q.levels == levels and q.compares is compares


def test_a_comparisons_own_words_leave_its_topic_broad():
    q = understand("Compare how neural network engineers and security analysts move up in their careers", [], TWO)
    assert q.compares_roles and q.topics == ("progression",) and q.broad
    assert not understand("Do neural network engineers move up faster in finance?", [], ONE).broad


def test_at_the_start_is_the_entry_level():
    q = understand("Which earns more at the start, a security analyst or a neural network engineer?", [], TWO)
    assert q.levels == ("entry-level",) and q.compares_roles and q.pay


def test_a_comparison_of_two_roles_searches_each_without_the_other():
    q = understand("Compare the starting pay of neural network engineers and security analysts", [], TWO)
    assert q.compares_roles and not q.unclear_role
    nne, isa = q.roles
    assert "security analysts" not in q.search_for(nne) and "neural network" not in q.search_for(isa).lower()


@pytest.mark.parametrize("question, wants_list, topics, broad", [
    ("what are the main difficulties of the job", True, ("challenges",), True),
    ("why do some neural network engineers earn way more than others?", False, (), False),  # "way" as in "far"
    ("what's the best way to get hired?", True, ("requirements",), True),
    ("what does the work look like each day", False, ("daily work",), True),
    ("which programming languages should I know?", True, (), False),
    # "all" as in "entirely"; where one works, not a list
    ("can I work remotely in this job or is it all office based?", False, ("workplace",), False),
    ("do they get called in outside office hours?", False, (), False),  # when, not where
    ("tell me all the challenges", True, ("challenges",), True),
    ("what does a neural network engineer do", False, (), False),  # "does" is no plural
    ("How do engineers handle hard deadlines?", False, ("challenges",), False),  # one thing, not the topic
    # pay as a whole: every band; one part of it (a level, negotiating) is no pay topic
    ("how much do neural network engineers earn?", False, ("pay",), True),
    ("what's the salary of a neural network engineer", False, ("pay",), True),
    ("and how much do they get paid?", False, ("pay",), True),  # a follow-up's "and" says nothing
    ("How much does a senior neural network engineer earn?", False, (), False),
    ("What do mid-level engineers make?", False, (), False),  # the level is inside the pay phrase
    ("How should I negotiate a pay rise with my manager?", False, (), False),
    # who hires: the industries a guide names; in a pay question only an aside
    ("What kinds of companies would employ me?", True, ("employers",), True),
    ("Do larger companies pay more?", False, (), False),
    ("What level of machine learning knowledge are employers looking for?", False, ("requirements",), False),  # one part
    ("Which has better job growth?", False, ("market",), False),  # the market, told in figures
    ("which one is growing fastest?", False, ("market",), True),
    ("which parts of AI are growing fastest?", False, (), False),  # what grows is no job: no job market
    ("tell me everything about what they do week to week", True, ("daily work",), True),
    # "day to day" says when; the question asks about tools, or the hard parts
    ("what tools and languages do neural network engineers use day to day?", False, (), False),
    ("is it stressful day to day?", False, ("challenges",), True),  # as "is this job stressful?": the hard parts whole
    ("what kind of person does well as a neural network engineer?", True, ("soft skills",), True),
    ("what would i actually be doing all day in this job?", False, ("daily work",), True),
    ("what's it like being a neural network engineer day to day?", False, ("daily work",), True),  # "it" asks nothing
    # the browser try-out: "hi!" and "even" had made "all day" a time of something else asked (got the network types)
    ("hi! what does a neural net engineer even do all day?", False, ("daily work",), True),
    # dev24 d24s-08: "lol" after "all week" had made it a time of something else asked (got one subsection)
    ("what do neural net engineers actually do all week lol", False, ("daily work",), True),
    ("what should i specialise in?", False, ("progression",), True),  # where a career goes: its niches too
    ("Which specialties are there?", True, ("progression",), True),
    # dev14 d14n-11: "the big picture" asks for the whole topic, not the one part whose heading says "market"
    ("Give me the big picture on the job market. Is demand really growing?", True, ("market",), True),
    ("can I get an overview of the challenges?", True, ("challenges",), True),
    # dev24 d24n-13, dev19 d19n-09: a remark on the asker after the question names no topic (had been education,
    # challenges: the degree section answered "how much maths do u actually need?")
    ("how much maths do u actually need? i kinda flunked stats in college lol", False, (), False),
    ("how much math is involved?? i kinda suck at stats lol", False, (), False),
    ("I never finished college. Do I need a degree?", False, ("education",), False),  # one said before it counts
])
def test_lists_and_topics(question, wants_list, topics, broad):
    q = understand(question, [], ONE)
    assert (q.wants_list, q.topics, q.broad) == (wants_list, topics, broad)


@pytest.mark.parametrize("question, broad", [
    ("What makes this job hard?", True),  # nothing but the topic
    ("What makes neural network engineering hard?", True),  # the role's work: nothing but the topic
    ("What makes training deep networks hard?", False),  # something of its own
    ("Why is being a neural network engineer hard?", True),
    ("Is a Ph.D. required for this career?", True),  # education first, the more specific topic
    ("what is the job market like for neural network engineers?", True),  # "the job market", not "the job"
    ("How big is the deep learning market going to be?", False),  # a market's size is no job market
    ("What is trending among neural network engineers these days?", True),
    ("how do i go from junior to senior as a NN engineer?", True),  # "as a" + the role says nothing more
    ("How much do information security analysts typically make in the US?", True),  # dev19 d19s-02: had lost the median
    ("where can this career take me in 10 years?", True),  # a time span says nothing of the topic  # "these days" says nothing more
    # dev24 d24n-16: one of its questions asks for nothing but the topic (got hotspots and one trend, not the outline)
    ("what's hot right now in the field? any up-and-coming areas worth betting my next few years on?", True),
    ("What's hot right now in the field? Is reinforcement learning used for robots?", True),
    ("How is reinforcement learning used in robotics? Which libraries do they use?", False),  # no part is only a topic
])
def test_a_question_that_says_nothing_but_its_topic_is_broad(question, broad):
    q = understand(question, [], TWO if "security" in question else ONE)
    assert q.broad is broad


def test_the_more_specific_topic_leads():
    assert understand("Is a Ph.D. required?", [], ONE).topics[0] == "education"
    assert [h.section_id for h in ONE.topic_sections({"nne"}, ["education", "requirements"])] == \
        ["nne#requirements/education"]


def test_the_conversation_role_is_found_by_the_words_an_earlier_question_named_it_with():
    """dev20 d20s-22: after "is cybersecurity a growing field?" and the openings each year, "why's the demand
    so high though?" had been answered with the engineers' demand."""
    history = [Turn(role="user", content="is cybersecurity a growing field?"),
               Turn(role="assistant", content="Yes, jobs are projected to grow 29% [1].")]
    q = understand("why's the demand so high though?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["isa"] and not q.unclear_role
    history[0] = Turn(role="user", content="is it a growing field?")
    assert understand("why's the demand so high though?", history, TWO).unclear_role


@pytest.mark.parametrize("question, defines", [
    ("what does a cybersecurity analyst do?", True),
    ("what does a security analyst do?", True),
    # dev20 d20s-10: a count had been searched as what the role is, answered from its opening, and refused
    ("how many security analyst jobs are there in the US right now and how many will there be in 10 years?", False),
    ("how many security analyst jobs are there?", False),
])
def test_only_a_question_asking_what_a_role_is_defines_it(question, defines):
    assert understand(question, [], TWO).defines is defines


def test_the_conversation_role_is_found_through_typos():
    history = [Turn(role="user", content="waht skils does a nueral network enginer need?"),
               Turn(role="assistant", content="Python and maths [1].")]
    q = understand("do I need a doctorate for this line of work?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["nne"] and not q.unclear_role


def test_a_follow_up_keeps_the_earlier_topic_whole_only_when_it_asks_nothing_of_its_own():
    history = [Turn(role="user", content="What does a security analyst do day to day?"),
               Turn(role="assistant", content="Watching the network [1].")]
    pen = understand("does that include pen testing?", history, TWO)
    assert pen.topics == ("daily work",) and not pen.broad  # its headings still join the search
    assert understand("and for neural network engineers?", history, TWO).broad


def test_when_the_work_happens_is_not_searched_when_the_question_asks_something_else():
    q = understand("which programming languages do neural network engineers use daily?", [], ONE)
    assert "daily" not in q.search and q.topics == ()
    assert "day" in understand("what do they do day to day?", [], ONE).search


@pytest.mark.parametrize("question, topics", [
    ("Is a masters worth it for either job?", ("education",)),  # the degree is what is weighed
    ("is it worth it?", ("advantages",)),
    ("is the career worth it for the perks?", ("advantages",)),  # the perks are asked besides
    ("which cert should I aim for later in my infosec career?", ("progression",)),  # a word before "career"
])
def test_worth_it_asks_about_what_it_weighs(question, topics):
    assert understand(question, [], TWO).topics == topics


ASKED_BACK = [Turn(role="user", content="wat r the biggest headaches in this job?"),
              Turn(role="assistant", content="My guides cover Information Security Analyst and Neural Network "
                                             "Engineer. Which role do you mean?")]


@pytest.mark.parametrize("reply, role", [("the neural net one", "nne"), ("security", "isa"), ("NN engineer pls", "nne")])
def test_a_reply_to_the_question_back_asks_the_question_it_answers_of_the_role_it_names(reply, role):
    q = understand(reply, ASKED_BACK, TWO)
    assert [g.doc_id for g in q.roles] == [role] and q.topics == ("challenges",) and q.broad and not q.follows


def test_a_reply_that_asks_something_else_is_no_answer_to_the_question_back():
    q = understand("what about the security side of neural nets?", ASKED_BACK, TWO)
    assert q.topics != ("challenges",) or not q.broad
    # no question back: the reply answers nothing, though it names a role by its field
    q = understand("the neural net one", ASKED_BACK[:1] + [Turn(role="assistant", content="Hard parts [1].")], TWO)
    assert q.asked == "the neural net one" and [g.doc_id for g in q.roles] == ["nne"]


def test_a_pay_follow_up_does_not_inherit_the_previous_topic():
    history = [Turn(role="user", content="what does a typical week look like for a security analyst?"),
               Turn(role="assistant", content="Watching the network [1].")]
    q = understand("and what do they earn?", history, TWO)
    assert q.pay and q.topics == ("pay",) and [g.doc_id for g in q.roles] == ["isa"]  # all of pay, not the week
    assert understand("and the hardest parts?", history, TWO).topics == ("challenges",)


def test_who_hires_the_most_after_a_pay_question_asks_of_jobs_not_pay():
    """dev24 d24s-22, dev19 d19s-21: "which of those industries actually hires the most of them?" after the
    industries' pay had got the pay by industry again; the employers section answers it."""
    history = [Turn(role="user", content="which industry pays security analysts best?"),
               Turn(role="assistant", content="Consulting services led at about $109,030.")]
    q = understand("ok but which of those industries actually hires the most of them?", history, TWO)
    assert not q.pay and q.topics == ("employers",)
    assert understand("ok and which of those pays the most?", history, TWO).pay  # still pay
    # the browser try-out: said without "industries", it had inherited pay and employers and got the Earnings lines
    short = understand("ok and which of those hires the most of them?", history, TWO)
    assert not short.pay and short.topics == ("employers",) and "employ most" in short.search


def test_a_follow_up_to_a_two_role_question_compares_both_and_asks_its_own_topic():
    history = [Turn(role="user", content="How does pay compare for neural network engineers and security analysts?"),
               Turn(role="assistant", content="Engineers start at $70,000 [1]; analysts at $69,660 [2].")]
    q = understand("which one is growing faster?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["nne", "isa"] and q.compares_roles
    assert q.topics == ("market",) and not q.pay  # its own topic, not the earlier turn's pay
    assert understand("and at senior level?", history, TWO).pay  # one naming no topic stays on pay
    assert understand("do bigger companies pay more?", history, TWO).pay  # nor one naming employers in passing


def test_a_level_said_of_the_role_a_follow_up_names_is_that_roles_alone():
    """dev20 d20s-19: "how does that compare with a senior neural network engineer?" after the analysts' pay
    had been answered with the analysts' top earners, not the median the turn before was about."""
    history = [Turn(role="user", content="what does an information security analyst earn?"),
               Turn(role="assistant", content="The median is $124,910 [1].")]
    q = understand("how does that compare with a senior neural network engineer?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["isa", "nne"] and q.compares_roles and q.pay
    assert q.levels_of("nne") == ("senior-level",) and q.levels_of("isa") == ("entry-level", "mid-level", "senior-level")
    isa = next(g for g in q.roles if g.doc_id == "isa")
    assert "senior" not in q.search_for(isa)
    # a level the turn before named too, or a question naming its levels of every role, is every role's
    history[0] = Turn(role="user", content="what does a senior information security analyst earn?")
    assert understand("how does that compare with a senior neural network engineer?", history, TWO).leveled == ()
    q = understand("what do senior neural network engineers and security analysts earn?", [], TWO)
    assert q.leveled == () and q.levels_of("isa") == ("senior-level",)


def test_a_follow_up_comparing_the_earlier_role_with_one_it_names_is_about_both():
    history = [Turn(role="user", content="How much does a senior neural network engineer make?"),
               Turn(role="assistant", content="$150,000 or more [1].")]
    q = understand("how does that compare with a top-end security analyst?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["nne", "isa"] and q.compares_roles and q.pay
    # dev12 d12s-23: "stack up against" compares as outright as "compare with"
    q = understand("how does that stack up against the top-paid security analysts?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["nne", "isa"] and q.compares_roles and q.pay
    # dev18 d18s-25: "is that more than …" sets what the turn before said beside the role it names
    q = understand("is that more than a junior security analyst gets?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["nne", "isa"] and q.compares_roles and q.pay
    assert [g.doc_id for g in understand("what about security analysts?", history, TWO).roles] == ["isa"]


def test_a_pay_follow_up_about_another_role_keeps_the_level_asked_before():
    history = [Turn(role="user", content="How much do neural network engineers earn at the start?"),
               Turn(role="assistant", content="$70,000 to $100,000 [1].")]
    q = understand("what about security analysts?", history, TWO)
    assert q.pay and q.levels == ("entry-level",) and [g.doc_id for g in q.roles] == ["isa"]
    assert understand("and senior ones?", history, TWO).levels == ("senior-level",)  # a level named anew wins
    assert understand("and for seniors?", history, TWO).levels == ("senior-level",)
    # an earlier question about levels that was not about pay leaves a pay follow-up whole
    moving = [Turn(role="user", content="How do I go from junior to senior?"), Turn(role="assistant", content="…")]
    assert understand("and what do they earn?", moving, ONE).levels == ()


@pytest.mark.parametrize("question, yes_no", [
    ("Do I need a PhD?", True),
    ("is a phd required for this career?", True),
    ("Are soft skills important or is it all technical?", True),
    ("What degree do I need?", False),
    ("Isolation at work: how common is it?", False),  # "Is" only as part of a word
])
def test_a_yes_no_question_is_recognised(question, yes_no):
    assert understand(question, [], ONE).yes_no is yes_no


def test_everyday_words_bring_the_guides_word_into_the_search():
    assert "remote" in understand("can i wrk from home in this job", [], ONE).search
    assert "remote" not in understand("what do they work on at home and abroad?", [], ONE).search
    assert understand("is it remote-friendly or am I stuck in an office?", [], ONE).search.split()[-2:] == ["remote", "remotely"]


@pytest.mark.parametrize("question, topics", [
    ("I'm happy to relocate - where in the world are the jobs?", ("places",)),
    ("which cities have the most jobs?", ("places",)),
    ("do those cities pay more?", ()),  # where, in a pay question, is an aside: a question on one part of pay
])
def test_where_the_jobs_are_is_a_topic_of_its_own(question, topics):
    assert understand(question, [], ONE).topics == topics


@pytest.mark.parametrize("question, kept", [
    ("is the job security thing backed by numbers?", True),  # job security, not "the job"
    ("how is the job market?", True),
    ("do I need a degree for the job?", False),  # the role, referred to
])
def test_the_job_as_part_of_a_compound_is_not_the_role_referred_to(question, kept):
    assert ("job" in understand(question, [], ONE).search) is kept


def test_compare_words_in_a_follow_up_leave_its_topic_broad():
    history = [Turn(role="user", content="what are the hard parts of being a security analyst?"),
               Turn(role="assistant", content="Emergencies at night and strict deadlines.")]
    q = understand("how does that compare with the challenges a neural network engineer faces?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["isa", "nne"] and q.topics == ("challenges",) and q.broad
    assert understand("and the challenges neural network engineers are facing?", history, TWO).broad


@pytest.mark.parametrize("question, level", [
    ("which one pays more at the top end?", "senior-level"), ("what do the top earners make?", "senior-level"),
    ("what are the top skills?", None),  # a list word, not a level
])
def test_the_top_of_the_pay_range_is_the_senior_level(question, level):
    assert understand(question, [], ONE).levels == ((level,) if level else ())


def test_burnout_brings_the_guides_words_for_it_into_the_search():
    assert "work-life balance" in understand("is burnout a big issue for infosec analysts", [], TWO).search


def test_chat_filler_is_not_searched_and_math_reaches_the_guides_maths():
    search = understand("how much math do i need for this lol", [], ONE).search
    assert "lol" not in search.split() and "maths" in search
    assert understand("Hello! what skills do i need, thanks", [], ONE).search.startswith("what skills do i need")


def test_later_in_a_career_is_progression():
    assert understand("what about later on in my career?", [], ONE).topics == ("progression",)


def test_a_new_grad_asking_what_they_would_start_on_asks_the_starting_pay():
    q = understand("im a new grad, what would i realistically start on as a security analyst?", [], TWO)
    assert (q.pay, q.levels, [g.doc_id for g in q.roles]) == (True, ("entry-level",), ["isa"])


def test_a_follow_up_to_a_question_about_the_roles_together_is_about_them_all():
    history = [Turn(role="user", content="is either of these jobs remote-friendly?"),
               Turn(role="assistant", content="Some analysts carry on-call duty [1]. Many companies allow remote work [2].")]
    q = understand("which one pays more at the senior level?", history, TWO)
    assert ([g.doc_id for g in q.roles], q.compares, q.pay, q.unclear_role) == (["isa", "nne"], True, True, False)


def test_a_misspelt_hedge_is_not_made_a_guide_word_that_hides_the_topic():
    # "actualy" had become the guides' "actual", a word of its own, so "day to day" read as said in passing
    actual = section("isa", ISA[1], "A Typical Week › Reports", "They report actual breaches.")
    two = Catalog({d: {"role": r, "title": r, "aliases": a} for d, r, a in (NNE, ISA)}, [*SECTIONS, actual],
                  frozenset({"what", "actually", "actual"}))
    q = understand("what does a security analyst actualy do day to day?", [], two)
    assert (q.corrected, q.topics, q.broad) == ("what does a security analyst actually do day to day?", ("daily work",), True)


def test_comparison_words_leave_the_day_to_day_the_question():
    # browser try-out: "compare" had counted as something else asked, so "day-to-day" said only when
    q = understand("compare the day-to-day of a neural network engineer and a security analyst", [], TWO)
    assert (q.compares, q.topics, q.broad) == (True, ("daily work",), True)


@pytest.mark.parametrize("question, level", [
    ("and the bottom 10%?", "entry-level"), ("what do the lowest ten percent earn?", "entry-level"),
    ("what decides whether you're paid at the top or bottom of the range?", None),  # what pay depends on
    ("and the top 10 percent?", "senior-level"),
])
def test_the_bottom_tenth_of_pay_is_where_pay_starts_and_the_top_tenth_where_it_ends(question, level):
    """dev10 d10s-20: "and the bottom 10%?" after the median got the median again."""
    assert understand(question, [], ONE).levels == ((level,) if level else ())


def test_junior_pay_against_the_top_tenth_compares_the_two_bands_and_lists_nothing():
    """dev17 d17s-03: "top 10%" had been read as a list ("top skills") and answered from the guide's opening."""
    q = understand("how much do junior security analysts make compared to the top 10%?", [], TWO)
    assert (q.levels, q.compares, q.wants_list, q.pay) == (("entry-level", "senior-level"), True, False, True)
    assert understand("what are the top 5 skills for security analysts?", [], TWO).wants_list


@pytest.mark.parametrize("question, whole", [
    ("what's the salary range for security analysts?", True),
    ("What is the pay range for security analysts, from the bottom 10% to the top 10%?", True),
    ("what's the salary range for junior security analysts?", False),  # one band's range
    ("I've got a few years of experience as a security analyst - what salary range is realistic at that stage?", False),
    ("How much do security analysts make? What about the top 10%?", True),  # pay as a whole, and a tenth of it
    ("how much do the top 10 percent of security analysts earn?", False),  # the top band
])
def test_pay_asked_as_a_range_from_end_to_end_is_every_band(question, whole):
    """Naming the top tenth as a level (dev17 d17s-03) had made a range from the bottom 10% to the top
    10% two bands without the middle, where reading "top" as a list word had given every band; a held-out
    second-guide case lost key facts to it (g2-isa-pay-range, not read)."""
    q = understand(question, [], TWO)
    assert q.pay_range is whole and (not whole or (q.broad and q.topics == ("pay",)))


def test_a_choice_between_a_role_and_anothers_field_compares_the_two():
    """dev17 d17s-20: "information security" beside "or" had not been read as the analysts."""
    q = understand("Which field is growing faster, neural network engineering or information security?", [], TWO)
    assert [g.doc_id for g in q.roles] == ["nne", "isa"] and q.compares_roles
    levels = understand("Which neural network engineers earn more, juniors or seniors?", [], TWO)
    assert [g.doc_id for g in levels.roles] == ["nne"]


def test_n_in_chat_shorthand_is_and():
    """dev9 d9s-20: "n what do the top 10 percent make?" after the median is a follow-up."""
    history = [Turn(role="user", content="what's the median salary for an information security analyst?"),
               Turn(role="assistant", content="The BLS median annual wage was $124,910 in May 2024.")]
    q = understand("n what do the top 10 percent make?", history, TWO)
    assert q.follows and [g.doc_id for g in q.roles] == ["isa"] and q.levels == ("senior-level",)


def test_the_role_at_the_top_is_its_top_pay_not_a_list():
    """dev14 d14s-19: "and for the security analyst role at the top?" after the engineers' top-end pay had
    been read as a list question about the role ("top" as in "top skills") and answered from its opening."""
    history = [Turn(role="user", content="What are the top-end earnings for neural network engineers?"),
               Turn(role="assistant", content="Senior engineers usually earn $150,000+ a year.")]
    q = understand("and for the security analyst role at the top?", history, TWO)
    assert (q.levels, q.wants_list, q.pay) == (("senior-level",), False, True)
    assert understand("what are the top skills employers want?", [], ONE).wants_list


@pytest.mark.parametrize("question, topics", [
    ("Give it to me straight, what sucks about being a security analyst?", ("challenges",)),
    ("what are the negatives of this job?", ("challenges",)),
    ("how does a security analyst work their way up to something like CISO?", ("progression",)),
    ("I'm pretty introverted. Which non-technical skills will matter in this job?", ("soft skills",)),
    ("which technical skills matter?", ("requirements",)),
    # dev11 d11n-16 and d11n-02: refused, then answered from the skills
    ("Everything I should know about the frustrating or difficult sides of this career?", ("challenges",)),
    ("what does the actual workload look like day to day? list all the stuff they're responsible for", ("daily work",)),
])
def test_everyday_words_for_a_topic(question, topics):
    """dev10 d10s-12, d10s-13, d10n-18: the topic had not been read, so no outline was given."""
    q = understand(question, [], TWO)
    assert q.topics == topics
    assert q.broad or "technical" in question


def test_a_field_named_in_words_of_its_own_names_its_role():
    """Working "on neural networks" is the engineers' field; "security" alone ("job security") names none."""
    assert [g.doc_id for g in understand("what are the downsides of working on neural networks?", [], TWO).roles] == ["nne"]
    assert understand("how is job security in this field?", [], TWO).roles == ()


def test_a_count_asked_is_no_broad_question():
    """"how many years of that do employers want?" asks for a figure, not the whole of getting qualified."""
    history = [Turn(role="user", content="How do people break into security analyst roles?"),
               Turn(role="assistant", content="Most start in IT support or help desk jobs.")]
    q = understand("how many years of that do employers usually want?", history, TWO)
    assert q.topics == ("requirements",) and q.counts and not q.broad
    assert understand("what do employers want?", history, TWO).broad
    assert not understand("what do employers want?", history, TWO).counts


def test_whether_a_duty_is_theirs_asks_of_that_duty_not_the_whole_week():
    """"what they're responsible for" asks for the day's work whole; "are they responsible for backups?"
    asks about backups (dev's d4-disaster), and its answer leads with that part."""
    assert understand("list all the stuff they're responsible for as a security analyst", [], TWO).broad
    q = understand("are security analysts responsible for backups and recovering after outages?", [], TWO)
    assert "daily work" not in q.topics and not q.broad


@pytest.mark.parametrize("question, challenges", [
    ("how do you decide which architecture fits a given problem?", False),  # dev12 d12n-24
    # the browser try-out: "a problem" to solve, not a challenge (it got the whole challenges outline)
    ("how do they pick the right kind of network for a problem?", False),
    ("is getting enough computing horsepower a problem in this line of work?", True),
    ("what problems do they run into?", True),
    ("how important is problem-solving?", False),
])
def test_a_problem_to_solve_is_no_challenge_of_the_job(question, challenges):
    assert ("challenges" in understand(question, [], ONE).topics) is challenges


@pytest.mark.parametrize("question, roles", [
    ("Comparing the two careers, what degree do you need for neural network engineering vs information security?",
     ["nne", "isa"]),  # dev12 d12s-09: the analysts' side had been left out
    ("how does neural network engineering compare with information security on pay?", ["nne", "isa"]),
    ("What do neural network engineers need to know about information security?", ["nne"]),  # no comparison
    ("is job security better for neural network engineers?", ["nne"]),  # one word names no field
    ("which roles can neural network engineers move up to in information security?", ["nne"]),  # compares nothing
    # dev23 d23s-17 ("… either infosec or …"): the analysts' degrees had been left out; a word only their guide uses
    ("Do I need a master's for either cybersecurity or neural network engineering, or is a bachelor's enough?",
     ["nne", "isa"]),
    ("do neural network engineers ever work in cybersecurity?", ["nne"]),  # no choice, no comparison
])
def test_a_comparison_names_its_other_role_by_the_field(question, roles):
    assert [g.doc_id for g in understand(question, [], TWO).roles] == roles


@pytest.mark.parametrize("question, roles", [
    ("what's the top of the ladder in security vs in neural network engineering?", ["nne", "isa"]),  # dev12 d12s-17
    ("neural network engineering versus security: which pays more?", ["nne", "isa"]),
    ("for neural network engineers, job security vs pay: which matters more?", ["nne"]),
    ("do neural network engineers need security skills?", ["nne"]),
])
def test_a_comparison_names_its_other_role_by_one_word_beside_vs(question, roles):
    assert [g.doc_id for g in understand(question, [], TWO).roles] == roles


def test_a_follow_up_calls_the_other_role_the_field_one():
    """dev13 d13s-17: "ok and the cybersecurity one?" after an engineer's starting pay had been answered
    for the engineers again (with a line the model wrote about "cybersecurity engineers")."""
    history = [Turn(role="user", content="What does an entry-level neural network engineer earn?"),
               Turn(role="assistant", content="Entry-level engineers earn $70,000 to $100,000 a year.")]
    q = understand("ok and the cybersecurity one?", history, TWO)
    assert [g.doc_id for g in q.roles] == ["isa"] and q.pay and q.levels
    listed = [Turn(role="user", content="Which industries hire neural network engineers?"),
              Turn(role="assistant", content="Technology, healthcare, finance and security.")]
    assert [g.doc_id for g in understand("what about the security one?", listed, TWO).roles] == ["nne"]  # an item


def test_the_x_one_of_a_follow_up_says_which_thing_not_a_topic():
    """dev13 d13n-28: "is the advanced one actually needed?" after the degrees had been read as a question
    on career advancement."""
    history = [Turn(role="user", content="What degree do you typically need for this career?"),
               Turn(role="assistant", content="Usually a bachelor's in Computer Science, and many go on to an M.S. or Ph.D.")]
    assert understand("is the advanced one actually needed or just nice to have?", history, ONE).topics == ("education",)
    assert understand("how do people get advanced to senior roles?", history, ONE).topics == ("progression",)


@pytest.mark.parametrize("question, daily", [
    ("how do neural network engineers keep on top of lots of parallel tasks like preprocessing, training and "
     "evaluation?", False),  # dev11 d11n-30: had been given the list of duties
    ("how do security analysts juggle their daily tasks?", False),
    ("what tasks does a neural network engineer do?", True),
])
def test_keeping_on_top_of_tasks_asks_how_not_what_they_are(question, daily):
    q = understand(question, [], TWO)
    assert ("daily work" in q.topics) is daily
    assert ("time management" in q.search) is not daily


def test_a_question_asking_only_what_a_role_is_searches_by_the_name_its_guide_uses():
    """dev9 d9s-01 "what does an infosec analyst do, in a nutshell?" had been answered from where analysts work."""
    search = understand("what does a cybersecurity analyst do, in a nutshell?", [], TWO).search
    assert search.startswith("Information Security Analyst ")
    assert "Information" not in understand("what do security analysts earn?", [], TWO).search
    assert not understand("what are the main parts of the security analyst role?", [], TWO).search.startswith("Information")


def test_what_employers_give_on_top_of_pay_is_no_question_of_who_hires():
    """dev19 d19n-05: "what else do companies usually throw in" had been read as a question on employers."""
    q = understand("Besides base salary, what else do companies usually throw in for these engineers?", [], ONE)
    assert "employers" not in q.topics and "benefits" in q.search
