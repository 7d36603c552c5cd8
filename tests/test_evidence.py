"""Retrieval of what the Query asks for, on a real index of two guides with different headings:
one role's sections only, each side of a comparison, an outline for a broad question."""

import pytest

from advisor import decide, evidence
from advisor.chain import Advisor
from advisor.providers.extractive import ExtractiveProvider
from tests.fakes import ScriptedProvider
from advisor.guides import parent_id as parent_of
from advisor.types import Hit, Turn
from advisor.vocabulary import about_the_guide

NNE, ISA = "neural-network-engineer", "information-security-analyst"


@pytest.fixture(scope="module")
def advisor(two_guides_settings):
    return Advisor(two_guides_settings, provider=ExtractiveProvider())


def docs(advisor, question, history=()):
    evidence = advisor.gather(advisor.understand(question, list(history)))
    return {h.doc_id for h in evidence.hits}, evidence


@pytest.mark.parametrize("question, doc", [
    ("What certifications do information security analysts need?", ISA),
    ("What do cybersecurity analysts do all day?", ISA),  # an alias
    ("What education do neural network engineers need?", NNE),
    ("waht are the chalenges for nueral netwrk enginers?", NNE),  # typos
])
def test_a_question_about_one_role_reads_that_role_only(advisor, question, doc):
    found, _ = docs(advisor, question)
    assert found == {doc}



def test_a_comparison_searches_each_role(advisor):
    found, evidence = docs(advisor, "Compare the starting pay of neural network engineers and information "
                                    "security analysts")
    assert found == {NNE, ISA}
    assert evidence.hits[0].doc_id != evidence.hits[1].doc_id  # taken in turn from each side


@pytest.mark.parametrize("question, tops", [
    ("How do the day-to-day tasks of neural network engineers and security analysts differ?",
     [f"{NNE}#core-responsibilities", f"{ISA}#a-typical-week"]),
    ("Compare how neural network engineers and security analysts move up in their careers",
     [f"{NNE}#career-development", f"{ISA}#moving-up"]),  # each guide's own heading for the topic
])
def test_a_broad_comparison_reads_each_sides_topic_outline_first(advisor, question, tops):
    _, evidence = docs(advisor, question)
    assert [h.section_id for h in evidence.hits[:2]] == tops
    assert all(h.text.count("\n- ") >= 3 for h in evidence.hits[:2])  # outlines: a line per subsection


def test_the_kinds_of_employer_are_read_from_the_sections_on_industries_not_the_hotspots(advisor):
    found, evidence = docs(advisor, "What kinds of companies would employ me as a neural net engineer?")
    assert {h.section_id for h in evidence.hits[:2]} == {f"{NNE}#overview/industries-and-education",
                                                         f"{NNE}#market-demand/expanding-applications-across-industries"}


def test_a_broad_question_gets_the_topics_outline_under_another_heading_name(advisor):
    _, evidence = docs(advisor, "What are the hard parts of being an information security analyst?")
    assert evidence.topic == f"{ISA}#hard-parts-of-the-job"
    outline = next(h for h in evidence.hits if h.section_id == evidence.topic)
    assert outline.text.count("\n- ") >= 5  # every subsection, one line each
    assert all(s.section_id.startswith(evidence.topic + "/") for s in evidence.sections)


@pytest.mark.parametrize("question, topic", [
    ("tell me everything about being a neural network engineer, what is the job basically?", f"{NNE}#overview"),
    ("what is an information security analyst, basically? tell me everything", f"{ISA}#what-the-job-is"),
])
def test_a_list_question_about_nothing_but_the_role_gets_the_guides_opening_section(advisor, question, topic):
    # the best hits gathered under Career Development, which says nothing of what the job is
    _, evidence = docs(advisor, question)
    assert evidence.topic == topic
    assert evidence.hits[0].section_id == topic and evidence.hits[0].text.count("\n- ") >= 3  # its outline leads


@pytest.mark.parametrize("question, topic", [
    ("tell me about security analysts", f"{ISA}#what-the-job-is"),
    ("neural network engineers?", f"{NNE}#overview"),
    ("what does a neural network engineer do", None),  # the work: its parts answer it, not the whole opening
    ("how many security analyst jobs are there?", None),  # dev20 d20s-10: a count, which a figure answers
    # dev11 d11n-01: what it says of the asker is no question; the education sections had answered it
    ("I'm 16 and my computer science teacher mentioned 'neural network engineer' as a job. What is that, in plain words?",
     f"{NNE}#overview"),
])
def test_a_question_about_nothing_but_the_role_gets_the_guides_opening_section(advisor, question, topic):
    assert docs(advisor, question)[1].topic == topic


@pytest.mark.parametrize("question, topic", [
    ("Do I need a PhD to become a neural network engineer?", f"{NNE}#requirements/education"),
    # no heading of theirs names education: the part of "Getting Qualified" the question names
    ("What degree do information security analysts need?", f"{ISA}#getting-qualified/degrees"),
    ("What could I specialise in later on in infosec?", f"{ISA}#moving-up/specializing"),  # not retrieved in the 5 best
    ("Do neural network engineers with a PhD earn more?", None),  # pay: the bands answer it
])
def test_a_question_on_one_part_of_a_topic_gets_the_list_section_its_heading_names(advisor, question, topic):
    _, evidence = docs(advisor, question)
    assert evidence.topic == topic
    if topic:  # the whole list completes the answer, whichever line the model gives
        assert evidence.hits[0].section_id == topic and evidence.asked_list
    if topic == f"{NNE}#requirements/education":  # both degrees
        assert any("Ph.D." in item for item, _ in advisor.catalog.items(topic))


@pytest.mark.parametrize("question, topic", [
    ("How much do information security analysts get paid?", f"{ISA}#earnings"),
    ("how much do neural network engineers earn?", f"{NNE}#salary-ranges"),
])
def test_pay_asked_as_a_whole_gets_every_band_of_the_guides_pay_section(advisor, question, topic):
    _, evidence = docs(advisor, question)
    assert evidence.topic == topic
    bands = advisor.catalog.items(topic)
    assert len(bands) >= 3 and all(h.section_id.startswith(topic + "/") for _, h in bands)


def test_the_chain_asks_which_role_when_several_guides_fit(advisor):
    answer = advisor.ask("How much does this job pay?")
    assert not answer.refused and not answer.citations
    assert "Information Security Analyst" in answer.answer and "Neural Network Engineer" in answer.answer


def test_the_chain_answers_a_follow_up_about_the_other_role_from_its_guide(advisor):
    history = [Turn(role="user", content="How much do entry-level neural network engineers earn?"),
               Turn(role="assistant", content="Entry-level engineers earn $70,000 to $100,000 a year [1].")]
    answer = advisor.ask("and for information security analysts?", history)
    guide = [c for c in answer.citations if c.kind == "section"]
    assert guide and {c.doc for c in guide} == {ISA}


def test_the_chain_answers_a_comparison_from_both_guides(advisor):
    answer = advisor.ask("Which role needs more math, neural network engineer or information security analyst?")
    assert {c.doc for c in answer.citations if c.kind == "section"} == {NNE, ISA}


def test_a_guide_indexed_while_running_is_known_once_the_index_reloads(settings):
    """The catalog (roles, topics, bands) follows the index: read again when its version changes."""
    import shutil

    from ingest.indexer import ingest
    from tests.conftest import SECOND_GUIDES

    ingest(settings)
    advisor = Advisor(settings, provider=ExtractiveProvider())
    assert [g.doc_id for g in advisor.catalog.guides] == [NNE]
    shutil.copy(SECOND_GUIDES / f"{ISA}.md", settings.knowledge_dir)
    ingest(settings)
    advisor.retriever.refresh()
    assert {g.doc_id for g in advisor.catalog.guides} == {NNE, ISA}
    found, _ = docs(advisor, "What certifications do information security analysts need?")
    assert found == {ISA}


def test_a_pay_question_naming_a_level_leads_with_each_sides_band_under_its_own_heading(advisor):
    """The analyst guide calls its entry band "Starting Out"; a comparison of starting pay reads it
    and the engineer guide's "Entry-Level" band first."""
    _, evidence = docs(advisor, "who starts on higher pay, a new security analyst or an entry level neural net engineer?")
    assert {h.section_id for h in evidence.hits[:2]} == {f"{ISA}#earnings/starting-out",
                                                        f"{NNE}#salary-ranges/entry-level"}
    _, one = docs(advisor, "what do junior information security analysts earn?")
    assert one.hits[0].section_id == f"{ISA}#earnings/starting-out"


def _hit(section_id: str, similarity: float) -> Hit:
    return Hit(section_id=section_id, doc_id="d", role="R", title="T", heading=section_id, source="s", text="t",
               score=0.0, similarity=similarity)


@pytest.mark.parametrize("position, order", [(0, ["outline", "a", "b"]), (1, ["a", "outline", "b"])])
def test_an_outline_is_placed_once_as_strong_as_the_best_match(position, order):
    hits = [_hit("a", 0.8), _hit("outline", 0.2), _hit("b", 0.5)]  # retrieved itself: not twice
    out = evidence.placed(_hit("outline", 0.0), hits, position)
    assert [h.section_id for h in out] == order
    assert next(h for h in out if h.section_id == "outline").similarity == 0.8


def test_each_of_two_questions_in_one_message_gets_its_best_section_near_the_top():
    whole = [_hit(s, 0.5) for s in ("a", "b", "c", "d", "e")]
    out = evidence.with_parts(whole, [[_hit("e", 0.4)], [_hit("a", 0.5)], []])
    assert [h.section_id for h in out] == ["a", "e", "b", "c", "d"]


def test_a_second_question_in_a_message_is_searched_for_itself(advisor):
    question = "is demand for information security analysts actually growing? how many vacancies come up a year?"
    query = advisor.understand(question)
    found = advisor.gather(query)
    assert len(query.parts) == 2
    assert f"{ISA}#job-prospects/openings-each-year" in [h.section_id for h in found.hits[:3]]


def test_a_pay_comparison_naming_a_level_gives_each_sides_figure(two_guides_settings):
    # the model gave one side's figure and only a remark about the other's
    script = ("- Mid-level (mid-career) Neural Network Engineers in the US earn $100,000 to $150,000 annually. [1]\n"
              "- That is the midpoint: half of all analysts were paid more and half were paid less. [2]\n")
    answer = Advisor(two_guides_settings, provider=ScriptedProvider(script)).ask(
        "Does a typical information security analyst earn more or less than a mid-level neural network engineer?")
    assert "$124,910" in answer.answer and "$100,000 to $150,000" in answer.answer
    assert f"{ISA}#earnings/the-middle-of-the-range" in {c.section_id for c in answer.citations}


def test_a_pay_comparison_naming_no_level_gives_each_sides_every_band(two_guides_settings):
    script = "- Entry-level Neural Network Engineers in the US earn $70,000 to $100,000 per year. [1]\n"
    answer = Advisor(two_guides_settings, provider=ScriptedProvider(script)).ask(
        "Who earns more, a neural network engineer or an information security analyst?")
    for figure in ("$100,000 to $150,000", "$150,000+", "$69,660", "$124,910", "$186,420"):
        assert figure in answer.answer
    assert "- Information Security Analyst, The Middle of the Range: " in answer.answer
    assert answer.answer.count("$70,000 to $100,000") == 1  # the band the model gave is not repeated


def test_a_pay_follow_up_naming_a_level_of_the_other_role_gives_the_earlier_role_every_band(two_guides_settings):
    """dev20 d20s-19: "how does that compare with a senior neural network engineer?" after the analysts' pay had
    given the analysts' top earners alone, not the median asked of before."""
    history = [Turn(role="user", content="what does an information security analyst earn?"),
               Turn(role="assistant", content="The median is $124,910 [1].")]
    script = "- Senior-level Neural Network Engineers in the US earn $150,000+ per year. [1]\n"
    answer = Advisor(two_guides_settings, provider=ScriptedProvider(script)).ask(
        "how does that compare with a senior neural network engineer?", history)
    assert "- Information Security Analyst, The Middle of the Range: " in answer.answer and "$124,910" in answer.answer
    assert "$150,000+" in answer.answer and "$100,000 to $150,000" not in answer.answer  # the engineers' senior band only


@pytest.mark.parametrize("script", [
    "- Neural Network Engineer: Often preferred for research and leadership roles: an advanced degree (M.S. or Ph.D.) [1]\n",
    "- **Bachelor's Degree**:\n- **Master's Degree**:\n",  # nothing the model said stands
])
def test_a_comparison_on_a_topic_gives_each_sides_section_on_it(two_guides_settings, script):
    """dev10 d10s-17: each side had got one line (the master's), and neither its bachelor's."""
    answer = Advisor(two_guides_settings, provider=ScriptedProvider(script)).ask(
        "Compare the education you need for a neural network engineer vs a security analyst. Does either really "
        "require a master's?")
    assert "An undergraduate (bachelor's) degree in Computer Science" in answer.answer
    assert "A bachelor's degree is the typical entry-level education" in answer.answer
    assert {f"{NNE}#requirements/education", f"{ISA}#getting-qualified/degrees"} <= {c.section_id for c in answer.citations}


def test_a_comparison_on_a_topic_each_guide_has_is_answered_when_nothing_the_model_said_stands(two_guides_settings):
    """Browser try-out: the model gave only bare headings ("**Bachelor's Degree**:"), all dropped, and the
    question, close to no single sentence, was refused; each guide has a section on education."""
    answer = Advisor(two_guides_settings, provider=ScriptedProvider("- **Bachelor's Degree**: [1]\n")).ask(
        "compare the education you need for both roles")
    assert not answer.refused
    assert {c.section_id.split("#")[0] for c in answer.citations} == {NNE, ISA} and "bachelor's" in answer.answer


def test_a_broad_question_the_model_declines_still_gets_its_whole_topic(two_guides_settings):
    answer = Advisor(two_guides_settings, provider=ScriptedProvider("I don't know.")).ask(
        "what are the downsides of being a security analyst?")
    cited = {c.section_id for c in answer.citations}
    assert not answer.refused and {f"{ISA}#hard-parts-of-the-job/work-life-balance",
                                   f"{ISA}#hard-parts-of-the-job/emergencies-outside-office-hours"} <= cited
    assert "24%" in answer.answer and "night" in answer.answer


def test_a_broad_answer_gives_the_part_the_question_names_whole(two_guides_settings):
    # the outline's item for Certifications is its first sentence, which names no credential
    answer = Advisor(two_guides_settings, provider=ScriptedProvider("- Degrees matter [1]\n")).ask(
        "which certs do i need to get into cyber secuirty analyst work as a beginner")
    assert "Security+" in answer.answer and "(CEH)" in answer.answer
    assert f"{ISA}#getting-qualified/certifications" in {c.section_id for c in answer.citations}


def test_a_bare_yes_is_answered_from_the_guides_when_they_hold_the_answer_and_refused_when_not(two_guides_settings):
    said_yes = Advisor(two_guides_settings, provider=ScriptedProvider("Yes\n"))
    burnout = said_yes.ask("is burnout a big issue for infosec analysts")
    cited = {c.section_id for c in burnout.citations}
    assert not burnout.refused and cited & {f"{ISA}#hard-parts-of-the-job/work-life-balance",
                                            f"{ISA}#where-analysts-work/hours-and-on-call-duty"}
    assert said_yes.ask("do neural network engineers need a security clearance?").refused  # "job security" is no clearance


def test_the_evidence_check_reads_neither_role_names_nor_everyday_words(advisor):
    _, evidence = docs(advisor, "is burnout a big issue for infosec analysts")
    assert "work-life balance" in evidence.checked
    assert "burnout" not in evidence.checked and "infosec" not in evidence.checked  # the guides say neither


def test_the_evidence_check_reads_no_comparison_words_of_a_follow_up_about_one_role(advisor):
    history = [Turn(role="user", content="what leadership roles can a neural network engineer move into?"),
               Turn(role="assistant", content="AI Architect, AI Team Lead and AI Project Manager.")]
    _, evidence = docs(advisor, "how does that compare with where a security analyst can end up?", history)
    assert "compare" not in evidence.checked and "end up" in evidence.checked


def test_remote_work_or_the_office_is_asked_in_the_guides_word(advisor):
    query = advisor.understand("Is remote work a thing for NN engineers or do you have to be in the office?", [])
    evidence = advisor.gather(query)
    assert evidence.hits[0].section_id == f"{NNE}#career-development/benefits"
    assert "remotely" in evidence.checked and "office" not in evidence.checked
    assert decide.out_of_scope(query, evidence, advisor.catalog, advisor.settings) is None


@pytest.mark.parametrize("question, topic", [
    ("Everything I should know about the frustrating or difficult sides of neural network engineering before I commit?",
     f"{NNE}#common-challenges"),
    ("what does the actual workload look like for a neural network engineer day to day? like list all the "
     "stuff they're responsible for", f"{NNE}#core-responsibilities"),
])
def test_a_whole_topic_asked_in_everyday_words_is_answered_from_its_outline(advisor, question, topic):
    """dev11 d11n-16, d11n-02: "frustrating", "sides", "stuff", "someone" were words no guide uses, so
    the outline was not enough and the question was refused before the model."""
    query = advisor.understand(question, [])
    evidence = advisor.gather(query)
    assert evidence.topic == topic and not evidence.unnamed
    assert decide.out_of_scope(query, evidence, advisor.catalog, advisor.settings) is None


def test_the_list_section_a_question_names_answers_it_whatever_the_model_says(indexed_settings):
    # the model's one line overstates the source ("often preferred" is no requirement) and is dropped
    answer = Advisor(indexed_settings, provider=ScriptedProvider("Yes, you need a PhD. [1]\n")).ask("Do I need a PhD?")
    assert not answer.refused and "bachelor" in answer.answer and "Ph.D." in answer.answer


def test_a_chatty_question_in_american_english_is_answered_from_the_maths_section(indexed_settings):
    answer = Advisor(indexed_settings, provider=ExtractiveProvider()).ask("how much math do i need for this lol")
    assert not answer.refused
    assert f"{NNE}#requirements/mathematical-and-statistical-knowledge" in {c.section_id for c in answer.citations}


def test_a_yes_no_verdict_on_what_no_guide_names_is_a_decline(indexed_settings):
    # "security clearance" is 0.75 from "Job security, thanks to high demand": no lead, no padding list
    model = ScriptedProvider("Yes, neural network engineers typically require a security clearance. [1]\n"
                             "- Job security, thanks to high demand [1]\n- Competitive salaries [1]\n")
    answer = Advisor(indexed_settings, provider=model).ask("do neural network engineers need a security clearance?")
    assert answer.refused and "Job security" not in answer.answer
    kept = Advisor(indexed_settings, provider=ScriptedProvider("Yes, remote work is common. [1]\n")).ask(
        "Is remote work common for neural network engineers?")
    assert not kept.refused  # every word of it is the guides'
    backed = Advisor(indexed_settings, provider=ScriptedProvider("Yes, they worry about vanishing and exploding gradient "
                                                                 "problems. [1]\n")).ask(
        "Do neural network engineers worry about vanishing gradients?")
    assert not backed.refused and "gradient" in backed.answer  # no guide says "worry"; a source backs the rest


def test_the_words_no_guide_uses_are_what_a_question_asks_of_that_they_cannot_answer(advisor):
    catalog = advisor.catalog
    assert catalog.unnamed("need a security clearance?") == ("clearance",)
    assert catalog.unnamed("Do I need a doctorate? Is remote work common? requirments") == ()  # a topic word, the guides', a typo's stem
    # dev13: chat words no guide needs ("kinda", "besides", "anyway", "whether") are nothing the question asks of
    assert catalog.unnamed("anyway, kinda want to know whether there's anything besides the salary?") == ()
    # dev12 d12s-28: "wreck my weekends" asks about weekends; "wreck" is no word a guide could hold
    assert catalog.unnamed("which one is more likely to wreck my weekends or ruin my nights?") == ()
    # dev15 d15s-05: "going into cyber" made the model's decline stand, though the growth rate answers it
    assert catalog.unnamed("thinking about going into cyber. how fast are jobs expected to grow?") == ()
    # dev16 d16n-16: "go straight for a big complex architecture" had let the model's decline stand
    assert catalog.unnamed("should I go straight for a big complex architecture?") == ()


def test_everyday_words_count_once_in_the_evidence_check_as_the_word_the_guides_use(indexed_settings):
    # the guide says "work remotely", never "remote": "remote remotely" would count as half the words missing
    advisor = Advisor(indexed_settings, provider=ExtractiveProvider())
    checked = advisor.gather(advisor.understand("can i wrk from home in this job")).checked.split()
    assert "remotely" in checked and "remote" not in checked and "home" not in checked


def test_an_answer_drawn_from_one_section_gets_the_rest_of_it(two_guides_settings):
    # a pay question has no lead sentence: the model's two industries were all it said
    model = ScriptedProvider("- Computer systems design and related services: $107,500 (May 2019 mean) [1]\n"
                             "- Insurance carriers: $100,870 (May 2019 mean) [1]\n")
    answer = Advisor(two_guides_settings, provider=model).ask("Which industry pays security analysts the best?")
    assert "consulting services: $109,030" in answer.answer and "banking and lending" in answer.answer
    assert answer.answer.count("$107,500") == 1  # a line the model gave is not repeated
    assert f"{ISA}#earnings/earnings-by-industry" in {c.section_id for c in answer.citations}


def test_a_part_named_by_one_heading_word_is_answered_beside_retrievals_best(indexed_settings):
    # dev16 d16n-30: "hardware" names "Hardware Limitations"; the GPUs are in "Computational Resources"
    model = ScriptedProvider("- Specialized AI hardware is not always easy to get. [1]\n")
    answer = Advisor(indexed_settings, provider=model).ask(
        "whats the hardware struggle like in this field? i heard GPUs are hard to get")
    assert "GPUs, TPUs" in answer.answer and "bottlenecks" in answer.answer
    assert {f"{NNE}#common-challenges/hardware-limitations", f"{NNE}#common-challenges/computational-resources"} <= {
        c.section_id for c in answer.citations}


def test_a_follow_up_naming_a_part_by_one_heading_word_is_not_answered_beside_the_earlier_turns_best(advisor):
    # retrieval for a follow-up leans on the earlier turn: "is bad data one of the big challenges too?"
    # after the data skills is closest to those skills again, and wants the challenge alone
    history = [Turn(role="user", content="What data skills do neural network engineers need?"),
               Turn(role="assistant", content="They clean and preprocess data and engineer features.")]
    _, evidence = docs(advisor, "is bad data one of the big challenges too?", history)
    assert evidence.hits[1].section_id == f"{NNE}#requirements/data-skills"
    assert evidence.topic == f"{NNE}#common-challenges/data-quality-and-preprocessing" and evidence.beside is None


def test_other_names_no_part_of_a_guide(advisor):
    # dev17 d17n-05: "other" had named "Integration with Other Technologies"; MXNet is in the team's frameworks
    history = [Turn(role="user", content="What programming languages should I know for neural network engineering?"),
               Turn(role="assistant", content="Python, Java or C++, plus libraries such as TensorFlow and PyTorch.")]
    _, evidence = docs(advisor, "which other framework might I run into on a team besides those two?", history)
    assert evidence.hits[0].section_id == f"{NNE}#core-responsibilities/collaboration-and-integration"
    assert evidence.topic is None


def test_a_one_thing_answer_gets_the_section_closer_in_meaning_than_the_one_it_was_led_from(indexed_settings):
    # dev17 d17n-17: led by "Pick the right network type …" (Model Architecture and Design), the section
    # on choosing an architecture, closer to the question as a whole, had been left out
    model = ScriptedProvider("- CNNs are generally preferred for image data. [1]\n")
    answer = Advisor(indexed_settings, provider=model).ask("When should I pick a CNN over an RNN?")
    assert "RNNs for sequences" in answer.answer and "cross-validation" in answer.answer
    assert f"{NNE}#best-practices/selecting-the-right-neural-network-architecture" in {c.section_id for c in answer.citations}


def test_a_follow_up_is_led_by_what_it_asks_not_by_the_question_it_follows(indexed_settings):
    # dev17 d17n-05: led by the languages the turn before asked about, the answer never reached MXNet
    history = [Turn(role="user", content="What programming languages should I know for neural network engineering?"),
               Turn(role="assistant", content="Python, Java or C++, plus libraries such as TensorFlow and PyTorch.")]
    model = ScriptedProvider("- Strong coding skills in Python, Java or C++ [1]\n")
    answer = Advisor(indexed_settings, provider=model).ask(
        "which other framework might I run into on a team besides those two?", history)
    assert "MXNet" in answer.answer


def test_a_follow_up_comparison_reads_each_sides_section_on_what_the_turn_before_asked(advisor):
    # dev17 d17s-29: "needs" alone had named the analysts' "Getting Qualified", not the skills asked before
    history = [Turn(role="user", content="what skills do neural network engineers need?"),
               Turn(role="assistant", content="Python, linear algebra and statistics.")]
    _, evidence = docs(advisor, "how does that compare with what a security analyst needs?", history)
    assert f"{ISA}#getting-qualified" not in {h.section_id for h in evidence.hits}
    assert {parent_of(h.section_id) for h in evidence.hits if h.doc_id == ISA} == {f"{ISA}#skills-employers-look-for"}


def test_a_follow_up_on_a_new_topic_keeps_the_part_the_earlier_question_named(advisor):
    history = [Turn(role="user", content="which certifications help infosec analysts starting out?"),
               Turn(role="assistant", content="CompTIA Security+ and Certified Ethical Hacker (CEH).")]
    _, later = docs(advisor, "ok and later on in my career?", history)
    assert later.topic == f"{ISA}#moving-up" and later.named == f"{ISA}#moving-up/certifications"
    _, typed = docs(advisor, "ok and later on in my carreer?", history)  # the stand-alone form is the corrected one
    assert typed.named == f"{ISA}#moving-up/certifications"
    pay = [Turn(role="user", content="what's the starting pay for an information security analyst?"),
           Turn(role="assistant", content="Less than $69,660 a year.")]
    assert docs(advisor, "and the people at the very top?", pay)[1].named is None  # the top, not the start


def test_a_follow_up_naming_a_list_section_by_its_heading_gets_all_of_it(two_guides_settings):
    history = [Turn(role="user", content="What's the median salary for information security analysts?"),
               Turn(role="assistant", content="It was $124,910 in May 2024.")]
    model = ScriptedProvider("- In May 2024 the occupation's median annual wage stood at $124,910. [1]\n")
    advisor = Advisor(two_guides_settings, provider=model)
    evidence = advisor.gather(advisor.understand("does that change depending on the industry?", history))
    assert evidence.hits[0].section_id == evidence.topic == f"{ISA}#earnings/earnings-by-industry" and evidence.asked_list
    answer = advisor.ask("does that change depending on the industry?", history)
    assert "consulting services: $109,030" in answer.answer and "Insurance carriers: $100,870" in answer.answer


def test_a_pay_question_is_completed_from_a_section_on_pay(indexed_settings):
    model = ScriptedProvider("- Silicon Valley, Toronto and London all have thriving AI ecosystems with strong demand. [1]\n"
                             "- Silicon Valley, Toronto and London all pay more. [1]\n")
    history = [Turn(role="user", content="Where are the hotspots for neural network engineering jobs?"),
               Turn(role="assistant", content="Silicon Valley, Toronto, Beijing, Bengaluru and London.")]
    answer = Advisor(indexed_settings, provider=model).ask("and do those places pay more?", history)
    assert "all pay more" not in answer.answer  # the hotspots say nothing of pay
    assert "tech hubs such as Silicon Valley usually pay more" in answer.answer
    assert f"{NNE}#salary-ranges/factors-influencing-salary" in {c.section_id for c in answer.citations}


def test_a_one_thing_answer_drawing_on_many_sections_is_completed_from_retrievals_best(indexed_settings):
    """dev8 d8n-24: the model gave the edge-AI part's first line and then three market sections' lines;
    the part's second line ("low-power, real-time processing") was never given."""
    model = ScriptedProvider("- AI is being deployed on edge devices, and autonomous systems are expanding [1]\n"
                             "- Demand for Neural Network Engineers is growing significantly [2]\n"
                             "- Healthcare: drug discovery, medical image analysis and patient diagnostics [3]\n"
                             "- Salaries above the average, thanks to their specialized skills [4]\n")
    answer = Advisor(indexed_settings, provider=model).ask(
        "Is there demand for people who can run models on edge devices like phones?")
    assert len({c.section_id for c in answer.citations}) > 2
    assert "low-power, real-time processing" in answer.answer


def test_a_count_is_led_by_a_figure(two_guides_settings):
    """Browser try-out: "and how many jobs is that?" after "is cybersecurity a growing field?" was
    answered with what drives demand and no number of jobs."""
    model = ScriptedProvider("- Cyberattacks have become more frequent, and organizations need analysts to devise new "
                             "ways to stop hackers stealing critical information or disrupting computer networks. [1]\n")
    history = [Turn(role="user", content="is cybersecurity a growing field?"),
               Turn(role="assistant", content="Cyberattacks have become more frequent [1].")]
    answer = Advisor(two_guides_settings, provider=model).ask("and how many jobs is that?", history)
    assert "182,800" in answer.answer


def test_the_only_guides_role_named_by_its_alias_is_no_invented_title(indexed_settings):
    """dev8: with one guide no role patterns reached verification, so "NN Engineers" was an unknown title."""
    model = ScriptedProvider("- Senior-level NN Engineers in the US earn $150,000+ per year. [1]\n")
    answer = Advisor(indexed_settings, provider=model).ask("how much do senior NN engineers make?")
    assert not [d for d in answer.dropped if d.startswith("titles")] and "$150,000+" in answer.answer


def test_a_broad_comparison_gives_each_sides_whole_topic(two_guides_settings):
    model = ScriptedProvider("- Neural Network Engineers run into a range of challenges when they develop and deploy models. [1]\n")
    answer = Advisor(two_guides_settings, provider=model).ask(
        "Which job has tougher challenges, neural network engineering or information security analysis? "
        "Give me the main hard parts of each.")
    cited = {c.section_id for c in answer.citations}
    assert {f"{NNE}#common-challenges/dimensionality-challenges", f"{ISA}#hard-parts-of-the-job/enforcing-the-rules",
            f"{ISA}#hard-parts-of-the-job/work-life-balance"} <= cited
    assert "- Information Security Analyst: " in answer.answer


def test_a_compared_role_the_model_said_nothing_of_gets_its_best_section(two_guides_settings):
    model = ScriptedProvider("- Neural Network Engineers usually hold a bachelor's degree in Computer Science. [1]\n")
    answer = Advisor(two_guides_settings, provider=model).ask(
        "I'm finishing a computer science bachelor's. Is that enough to get hired as either a neural network "
        "engineer or an information security analyst?")
    cited = {c.section_id.split("#")[0] for c in answer.citations if c.kind == "section"}
    assert cited == {NNE, ISA}
    assert "- Information Security Analyst: " in answer.answer


def test_a_compared_role_the_model_spoke_of_vaguely_still_gets_its_guides_line_on_what_is_asked(two_guides_settings):
    """dev8 d8s-27: the model called Python versatile for the engineers' side, and the guide's
    "Python, C++ and Java" line was never given."""
    model = ScriptedProvider("- Programming or scripting, for example in Python or Bash [1]\n"
                             "- Python is a versatile language that can be used for both machine learning and security. [2]\n")
    answer = Advisor(two_guides_settings, provider=model).ask(
        "Is Python useful for both a neural network engineer and an information security analyst? "
        "What languages does each need?")
    assert "C++" in answer.answer and "Bash" in answer.answer
    assert f"{NNE}#requirements/programming-proficiency" in {c.section_id for c in answer.citations}


def test_a_list_question_naming_one_heading_of_the_guide_is_about_that_part(indexed_settings):
    advisor = Advisor(indexed_settings, provider=ExtractiveProvider())
    special = advisor.gather(advisor.understand("what areas can a neural network engineer specialize in?"))
    assert special.topic == f"{NNE}#career-development"
    assert special.named == f"{NNE}#career-development/career-paths-and-specializations"
    # "learn" is in two headings ("Machine Learning …", "Continuous Learning …"): no one part is named
    assert advisor.catalog.named_anywhere({NNE}, "which programming languages should I learn?") is None
    # nor do the role's own words ("neural nets") or a topic word ("employers") name one
    assert advisor.catalog.named_anywhere({NNE}, "what kinds of neural nets are there?") is None
    # dev12 d12n-24: four headings say "architecture"; the one it names whole is the part, whatever ranks first
    asked = "What kinds of network architectures would I be building, and how do you decide which one fits?"
    best = f"{NNE}#common-challenges/architecture-selection"
    assert advisor.catalog.named_anywhere({NNE}, asked, best=best) == f"{NNE}#overview/network-architectures"
    assert advisor.catalog.named_anywhere({NNE}, "which architecture should I pick?", best=best) == best


def test_a_heading_the_question_names_word_for_word_is_the_part_it_asks_about(indexed_settings):
    """dev13 d13n-26: "what's the growth outlook for …?" had been answered from the market topic's
    "Job Growth and Security"; the guide's "Overview › Growth Outlook" says what was asked."""
    advisor = Advisor(indexed_settings, provider=ExtractiveProvider())
    outlook = advisor.gather(advisor.understand("what's the growth outlook for neural network engineering?"))
    assert outlook.hits[0].section_id == outlook.topic == f"{NNE}#overview/growth-outlook"
    # the heading's words apart, or one word of it, name no part: "training a model" is no "Training Models"
    assert advisor.catalog.heading_named({NNE}, "what do they do to get data ready before training a model?") is None
    assert advisor.catalog.heading_named({NNE}, "is the outlook good?") is None
    assert advisor.catalog.heading_named({NNE}, "tell me about reinforcement learning") == f"{NNE}#industry-trends/reinforcement-learning"


def test_perks_are_the_guides_benefits_as_well_as_the_careers_advantages(indexed_settings):
    """dev13 d13n-15: "what kinda perks do u get besides the salary?" had listed the career's advantages
    and left out "Benefits", where remote work is."""
    advisor = Advisor(indexed_settings, provider=ExtractiveProvider())
    perks = advisor.gather(advisor.understand("yo what kinda perks do u get besides the salary in this gig? like stock n stuff"))
    # what comes on top of the salary is the topic (stock, bonuses); the benefits, remote work among them, close behind
    assert perks.topic == f"{NNE}#salary-ranges/additional-compensation"
    assert f"{NNE}#career-development/benefits" in [h.section_id for h in perks.hits[:3]]


def test_extras_besides_the_salary_are_the_guides_section_on_what_comes_on_top_of_pay(indexed_settings):
    """dev14 d14n-14: "Besides base salary, what perks or extras …?" had been answered from the career's
    benefits (salaries, job security), not the stock options and bonuses its guide gives "on top of salary"."""
    advisor = Advisor(indexed_settings, provider=ExtractiveProvider())
    extras = advisor.gather(advisor.understand("Besides base salary, what perks or extras do NN engineers usually get?"))
    assert extras.hits[0].section_id == extras.topic == f"{NNE}#salary-ranges/additional-compensation"
    # whatever else its words suggest: "companies" is no list of employers, "salary" no pay topic (dev12 d12n-15)
    thrown = advisor.gather(advisor.understand("Besides base salary, what extras do companies usually throw in?"))
    assert thrown.topic == f"{NNE}#salary-ranges/additional-compensation"
    # pay set aside to ask something else is no question on extras
    stable = advisor.gather(advisor.understand("beyond the salary, is the job stable?"))
    assert f"{NNE}#salary-ranges/additional-compensation" not in (stable.topic, stable.hits[0].section_id)


def test_burnout_is_searched_as_work_life_balance_first(advisor):
    _, evidence = docs(advisor, "is burnout a big issue for infosec analysts")
    assert evidence.hits[0].section_id == f"{ISA}#hard-parts-of-the-job/work-life-balance"


def test_a_market_comparison_gives_each_side_a_figure(two_guides_settings):
    model = ScriptedProvider("- Neural Network Engineers: Job growth is expected to soar across industries. [1]\n"
                             "- Information Security Analysts: Demand for Information Security Analysts is expected to "
                             "stay strong for the next decade. [2]\n")
    answer = Advisor(two_guides_settings, provider=model).ask(
        "How does the job growth outlook compare for neural network engineers and information security analysts?")
    lines = answer.answer.splitlines()
    assert any(line.startswith("- Neural Network Engineer: ") and "million" in line for line in lines)
    assert any(line.startswith("- Information Security Analyst: ") and any(c.isdigit() for c in line) for line in lines)
    # the side's figure closest to what is asked: its growth rate, not the number of jobs today
    assert "29%" in answer.answer and "182,800" not in answer.answer
    # also for a side the model said nothing of
    alone = Advisor(two_guides_settings, provider=ScriptedProvider(model.output.splitlines()[0] + "\n")).ask(
        "How does the job growth outlook compare for neural network engineers and information security analysts?")
    assert "29%" in alone.answer and "182,800" not in alone.answer


def test_a_market_comparison_gives_each_sides_job_figures_from_all_its_guide_says_of_the_market(two_guides_settings):
    """"the safer bet" compares jobs: each side's rate of job growth and its figure on jobs, retrieved
    or not, not the AI software market's worth the retrieved section ends on."""
    model = ScriptedProvider("- Neural Network Engineers: Demand is expected to keep growing. [1]\n")
    answer = Advisor(two_guides_settings, provider=model).ask(
        "job security wise is ML/neural network engineering or being a cybersecurity analyst the safer bet?")
    assert "133 million new jobs" in answer.answer and "$126 billion" not in answer.answer
    assert "rise by 29%" in answer.answer


def test_a_market_comparison_after_a_pay_comparison_gives_each_side_its_growth(two_guides_settings):
    """The model writes only labels (as the 1.5B model did): the guides' own line for each side stands in,
    its figure on jobs from the market section even when retrieval missed it."""
    history = [Turn(role="user", content="how does pay compare for neural network engineers and information "
                                         "security analysts?"),
               Turn(role="assistant", content="Engineers start at $70,000 [1]; analysts at $69,660 [2].")]
    model = ScriptedProvider("- Neural Network Engineers: [1]\n- Information Security Analysts: [2]\n")
    answer = Advisor(two_guides_settings, provider=model).ask("which one is growing faster?", history)
    lines = answer.answer.splitlines()
    assert answer.provider == "extractive" and len(lines) == 2 and answer.wages is None
    assert lines[0].startswith("- Neural Network Engineer: ") and "133 million new jobs" in lines[0]
    assert lines[1].startswith("- Information Security Analyst: ") and "29%" in lines[1]


def test_a_comparison_the_model_fails_gives_each_sides_closest_line(two_guides_settings):
    """A question about both roles that the model answers with labels only gets each side's own line on
    what is asked, not one side's best-matching lines; a comparison's words ask nothing of the guides."""
    model = ScriptedProvider("- Stuck in an office: [2]\n")
    advisor = Advisor(two_guides_settings, provider=model)
    answer = advisor.ask("is either of these jobs remote-friendly or are u stuck in an office?")
    lines = answer.answer.splitlines()
    assert not answer.refused and [line.split(":")[0] for line in lines] == \
        ["- Information Security Analyst", "- Neural Network Engineer"]
    assert "remotely" in lines[1]
    # the analysts' line comes from their guide's part on where one works, not the on-call hours
    assert answer.citations[0].section_id == f"{ISA}#where-analysts-work/the-workspace"
    assert "either" not in advisor.gather(advisor.understand("is either of these jobs well paid?")).checked.split()


def test_a_yes_no_comparison_gets_each_sides_lines_on_what_it_asks(two_guides_settings):
    """dev20 d20s-15, dev21 d21s-13: "do either of these jobs need a master's degree?" got one line a side, the
    analysts' "some positions ask for a master's degree" without the MBA beside it, and the remote-work comparison
    above still gets one line a side."""
    advisor = Advisor(two_guides_settings, provider=ScriptedProvider("- Degrees: [1]\n"))
    query = advisor.understand("do either of these jobs need a master's degree?")
    said = " ".join(line for line, _ in advisor._side_lines(query, advisor.gather(query)))
    assert query.yes_no and "Master of Business Administration" in said and "M.S. or Ph.D." in said
    assert "bachelor's" in said  # the degree most positions call for, beside the master's


@pytest.mark.parametrize("question, said", [
    # dev14 d14s-20: the engineers' side was "Choosing a career … comes with several benefits:", a lead-in
    ("Which job gives me more freedom in how I work: neural network engineering or security analysis?",
     ["remotely", "own tasks"]),
    # dev14 d14s-30: "Below is what you should know about building a career …", the guide's own layout
    ("If I like explaining stuff to non-techies, which career fits: NN engineering or security analysis? "
     "What do the guides say about communication in each?", ["ommunicat", ""]),
])
def test_a_comparisons_side_line_says_something_of_the_job(two_guides_settings, question, said):
    advisor = Advisor(two_guides_settings, provider=ScriptedProvider("- Freedom: [2]\n"))
    query = advisor.understand(question)
    lines = [line for line, _ in advisor._side_lines(query, advisor.gather(query))]
    assert len(lines) == 2 and all(words in line for words, line in zip(said, lines))  # the engineers' side first
    assert not any(line.endswith(":") or about_the_guide(line.split(": ", 1)[1]) for line in lines)


def test_a_side_the_model_said_nothing_true_of_gets_its_line_not_a_whole_topic(two_guides_settings):
    """dev14 d14s-20: the model's line for the engineers was dropped, and their side was completed with the
    "Career Development" outline (career paths, advancement, learning) where their remote work answers."""
    model = ScriptedProvider("- Security Analysis: Analysts often have the freedom to set their own tasks, priorities, "
                             "and goals. [2]\n- Neural Network Engineer: High Demand and Job Security: Demand for "
                             "Neural Network Engineers comes from the rapid adoption of AI and machine learning "
                             "technologies. [1]\n")
    answer = Advisor(two_guides_settings, provider=model).ask(
        "Which job gives me more freedom in how I work: neural network engineering or security analysis?").answer
    assert "work remotely" in answer and "Career Paths and Specializations" not in answer


def test_a_pay_follow_up_on_what_the_earlier_turn_listed_gets_the_pay_list_for_it(advisor):
    history = [Turn(role="user", content="What kind of companies hire infosec analysts?"),
               Turn(role="assistant", content="Computer companies, consulting firms and financial firms [1].")]
    _, evidence = docs(advisor, "which of those pays best?", history)
    assert evidence.hits[0].section_id == evidence.topic == f"{ISA}#earnings/earnings-by-industry"
    assert evidence.asked_list  # all of it: every industry and its pay
    where = [Turn(role="user", content="which cities have the most neural network engineer jobs?"),
             Turn(role="assistant", content="Silicon Valley, Toronto and London [1].")]
    assert docs(advisor, "do those places pay more?", where)[1].topic is None  # no list of pay by place


def test_a_pay_question_naming_one_industry_gets_the_pay_list_by_industry(advisor):
    _, evidence = docs(advisor, "Which industry pays infosec analysts best — consulting or banking?")
    assert evidence.hits[0].section_id == evidence.topic == f"{ISA}#earnings/earnings-by-industry"


def test_words_like_out_there_name_no_part_of_a_guide(advisor):
    # "out" once named "Earnings › Starting Out", whose outline then led an answer on senior titles
    _, evidence = docs(advisor, "Can a security analyst eventually end up as a CISO? What senior roles are out there?")
    assert evidence.hits[0].section_id == f"{ISA}#moving-up/senior-titles"
    assert not any(h.section_id.startswith(f"{ISA}#earnings") for h in evidence.hits)


@pytest.mark.parametrize("question", ["is either of these jobs remote-friendly or are u stuck in an office?",
                                      "can security analysts work from home?"])
def test_where_one_works_is_read_from_the_guides_section_on_the_workspace(advisor, question):
    # it was "Emergencies Outside Office Hours", for the word "office"
    _, evidence = docs(advisor, question)
    analyst = [h.section_id for h in evidence.hits if h.doc_id == ISA]
    assert analyst[0] == f"{ISA}#where-analysts-work/the-workspace"


def test_a_part_of_a_topic_is_named_by_its_heading_not_its_opening_line(advisor):
    # "Certifications" opens "Many employers favour …": a question on what employers want names no certificate
    history = [Turn(role="user", content="How do people get into information security if they haven't had a security job yet?"),
               Turn(role="assistant", content="Many start in IT support, help desk or network administration roles.")]
    _, evidence = docs(advisor, "how many years of that do employers usually want?", history)
    assert evidence.hits[0].section_id in {f"{ISA}#getting-qualified/entry-requirements-at-a-glance",
                                           f"{ISA}#getting-qualified/related-experience"}


def test_of_two_parts_a_list_question_names_the_best_match_is_the_one(advisor):
    # "titles" names "Titles You Will See" and "Moving Up › Senior Titles"; retrieval puts the first first
    _, evidence = docs(advisor, "What other job titles should I be searching on job boards if I want this kind of work?")
    assert evidence.named == evidence.hits[0].section_id == f"{ISA}#what-the-job-is/titles-you-will-see"


def test_a_broad_question_keeps_its_best_part_first_and_the_part_it_names_in_the_outline(advisor):
    # "promotion path … move up": Career Advancement leads as retrieved; "path" names Career Paths, which
    # the outline completes, but does not displace it
    _, evidence = docs(advisor, "What's the promotion path for neural network engineers - which roles can they move up to?")
    assert evidence.hits[0].section_id == f"{NNE}#career-development/career-advancement"
    assert evidence.topic == f"{NNE}#career-development"


def test_an_answer_drawn_from_two_sections_is_completed_from_the_better_ranked(indexed_settings):
    """The model gave each section's opening line only; the answer gets the rest of the best match."""
    model = ScriptedProvider("- Scaling models up is a challenge of its own. [1]\n"
                             "- Getting a model's complexity right is a common challenge for Neural Network Engineers. [2]\n")
    advisor = Advisor(indexed_settings, provider=model)
    question = "What's tricky about running models at scale?"
    ranked = [h.section_id for h in advisor.gather(advisor.understand(question)).hits]
    assert ranked[:2] == [f"{NNE}#common-challenges/scalability", f"{NNE}#common-challenges/model-optimization"]
    answer = advisor.ask(question).answer
    assert "Optimize models and infrastructure for large-scale deployment" in answer
    assert "Apply effective regularization techniques" not in answer  # the lesser match is not completed


def test_an_answer_to_two_questions_is_completed_from_both_sections_it_drew_on(two_guides_settings):
    """dev14 d14s-09: "Is there on call work in infosec? will i be working weekends?" drew on the on-call
    hours too, but only the emergencies were completed: the long weeks ("1 in 4") were left out."""
    model = ScriptedProvider("- Analysts may be called in at night or on weekends when an emergency hits their organization. [1]\n"
                             "- Some analysts also carry on-call duty beyond regular business hours. [3]\n")
    advisor = Advisor(two_guides_settings, provider=model)
    question = "Is there on call work in infosec? will i be working weekends?"
    ranked = [h.section_id for h in advisor.gather(advisor.understand(question)).hits]
    assert ranked[0] == f"{ISA}#hard-parts-of-the-job/emergencies-outside-office-hours"
    assert ranked[2] == f"{ISA}#where-analysts-work/hours-and-on-call-duty"
    assert "1 in 4 analysts worked more than 40 hours" in advisor.ask(question).answer


def test_a_follow_up_naming_a_topic_is_led_from_that_topic_not_the_earlier_turns_match(indexed_settings):
    """"why is that one of the hard parts?" after tuning: the challenge, not the tuning duty; and
    "tho"/"considered" are no words the guides must hold, so the model declining is no refusal."""
    history = [Turn(role="user", content="what does the hyperparameter tuning part of the job involve?"),
               Turn(role="assistant", content="Engineers fine-tune hyperparameters with grid search or Bayesian optimization.")]
    model = ScriptedProvider("- The guides do not cover this.\n")
    answer = Advisor(indexed_settings, provider=model).ask("why is that considered one of the hard parts tho?", history)
    assert not answer.refused
    assert "Weigh performance improvements against limits on time and resources" in answer.answer
    assert {c.section_id for c in answer.citations} == {f"{NNE}#common-challenges/hyperparameter-tuning"}


def test_coding_and_languages_are_asked_in_the_guides_word_programming(advisor):
    _, evidence = docs(advisor, "Which is more coding heavy, neural network engineer or infosec analyst? "
                                "what languages does each use")
    best = [h.section_id for h in evidence.hits[:2]]
    assert best == [f"{NNE}#requirements/programming-proficiency", f"{ISA}#skills-employers-look-for/technical-foundations"]


def test_an_outline_exempts_no_question_about_what_no_guide_names(advisor):
    """"all day" reads as daily work, whose outline answers a broad question without the evidence check;
    not one about carpal tunnel and medicine."""
    refused = advisor.ask("I have carpal tunnel from typing all day, what meds should I take?")
    assert refused.refused and "Which role" not in refused.answer
    assert not advisor.ask("what does an infosec analyst actually do all week?").refused


def test_what_a_question_says_of_the_asker_is_not_asked_of_the_guides(two_guides_settings):
    """"I'm a teacher thinking of switching." is no word the sections must hold: the model declining
    is no refusal when the question itself is well covered."""
    advisor = Advisor(two_guides_settings, provider=ScriptedProvider("- The guides do not cover this.\n"))
    question = "I'm a teacher thinking of switching. how fast is the security analyst field growing?"
    assert "teacher" not in advisor.gather(advisor.understand(question)).checked
    answer = advisor.ask(question)
    assert not answer.refused and "29%" in answer.answer


def test_a_one_thing_answer_is_completed_from_a_second_section_nearly_as_close(two_guides_settings):
    """dev9 d9s-12: the guide says it in two places; the answer drew on "Emergencies Outside Office
    Hours" and lost the on-call weeks of "Hours and On-Call Duty"."""
    model = ScriptedProvider("- Analysts may be called in at night or on weekends when an emergency hits. [1]\n")
    answer = Advisor(two_guides_settings, provider=model).ask(
        "Will I get called in at night or on weekends as a security analyst?")
    cited = {c.section_id.split("#")[1] for c in answer.citations}
    assert {"hard-parts-of-the-job/emergencies-outside-office-hours", "where-analysts-work/hours-and-on-call-duty"} <= cited
    assert "40 hours" in answer.answer


def test_the_runner_up_is_the_second_closest_in_meaning_not_the_second_in_rank(two_guides_settings):
    """dev10 d10s-15: "Working With Users" ranked second on shared words, "The Workspace" was the second
    closest in meaning (0.68 to the best's 0.76) and holds the answer on the desk and the team."""
    model = ScriptedProvider("- Many of them work closely with colleagues elsewhere in the IT department. [1]\n")
    answer = Advisor(two_guides_settings, provider=model).ask(
        "do cyber security analysts mostly work solo at a desk or with other people?")
    assert "Much of the work is done in a group or team." in answer.answer
    assert f"{ISA}#where-analysts-work/the-workspace" in {c.section_id for c in answer.citations}


def test_the_guides_word_for_an_everyday_phrase_brings_its_own_best_section(indexed_settings):
    """dev10 d10n-16: "does great on training data and terrible on new data" is what the guides call
    overfitting; the whole question's words (data, data, data) had put the section that says so
    behind two on data, where the model never drew on it. It now comes second."""
    one = Advisor(indexed_settings, provider=ExtractiveProvider())  # the engineers' guide alone
    _, found = docs(one, "my model does great on training data and terrible on new data. what do neural "
                         "network engineers normally do about that?")
    assert "neural-network-engineer#best-practices/performance-evaluation-and-optimization" in [
        h.section_id for h in found.hits[:2]]


@pytest.mark.parametrize("question, topic", [
    ("After a few years as a security analyst, where can I go next? Management, specialising, senior titles — give me "
     "the options.", f"{ISA}#moving-up"),  # dev11 d11s-14: one part, then its section's heading alone
    ("I'm a help desk tech with 2 yrs experience. Realistically what do I need to become a cybersecurity analyst — "
     "degree, certs, experience?", f"{ISA}#getting-qualified"),  # dev12 d12s-03: the degree lines only
    # dev13 d13s-05: "burned out", said of the asker, had brought the hard parts' work-life balance as the topic;
    # " - " sets off the list as a dash does
    ("I'm a nurse, 8 years in the ICU and pretty burned out. I've been teaching myself some Python and I'm curious "
     "about cybersecurity. Realistically, what would I need to get hired as a security analyst - degree, experience, "
     "whatever?", f"{ISA}#getting-qualified"),
])
def test_a_list_of_a_topics_parts_asks_for_the_topic_whole(advisor, question, topic):
    _, evidence = docs(advisor, question)
    assert evidence.topic == topic and len(evidence.sections) >= 3


def test_words_of_several_headings_in_one_phrase_name_no_list_of_parts(advisor):
    """"What extra compensation do … get beyond salary?" shares words with several pay headings, in no list."""
    assert advisor.catalog.several_named({NNE}, "What extra compensation do they get beyond their salary?") is None
    assert advisor.catalog.several_named({NNE}, "which parts of AI are growing fastest, deep learning or reinforcement learning?") == \
        f"{NNE}#industry-trends"


def test_a_follow_up_that_switches_role_gets_that_roles_official_figures(two_guides_settings):
    """Session 40's browser try-out: "ok and the cybersecurity one?" after an engineer's starting pay had the
    analysts' bands beside the engineers' OEWS figures."""
    history = [Turn(role="user", content="What does an entry-level neural network engineer earn?"),
               Turn(role="assistant", content="Entry-level engineers earn $70,000 to $100,000 a year.")]
    answer = Advisor(two_guides_settings, provider=ExtractiveProvider()).ask("ok and the cybersecurity one?", history)
    assert {c.wages["occupation_code"] for c in answer.citations if c.wages} == {"15-1212"}
    assert "$69,660" in answer.answer and "neural network engineer" not in answer.answer.lower()
