"""The catalog of indexed guides: role names, topic sections under other heading names, outlines."""

import json

import pytest

from advisor.guides import Catalog, Guide, parent_id
from advisor.textmatch import stems
from tests.test_query import ISA, ONE, SECTIONS, TWO, section


def test_roles_are_matched_in_the_order_named_singular_or_plural():
    assert [g.doc_id for g in TWO.roles_in("security analysts earn more than NN engineers")] == ["isa", "nne"]
    # the name of the role's work means the role: "neural network engineering or information security analysis?"
    assert [g.doc_id for g in TWO.roles_in("neural network engineering or information security analysis?")] == ["nne", "isa"]
    assert TWO.roles_in("a neural network engineered for speed") == []  # another word, not the role
    assert TWO.role_names() == "Information Security Analyst and Neural Network Engineer"
    assert ONE.only.doc_id == "nne" and TWO.only is None


def test_a_topic_finds_each_guides_own_heading():
    assert [h.heading for h in TWO.topic_sections({"nne"}, ["challenges"])] == ["Common Challenges"]
    assert [h.heading for h in TWO.topic_sections({"isa"}, ["challenges"])] == ["Hard Parts of the Job"]
    # no top-level heading names education: the subsection that does
    assert [h.section_id for h in ONE.topic_sections({"nne"}, ["education"])] == ["nne#requirements/education"]
    assert TWO.topic_sections({"isa"}, ["education"]) == []


def test_a_part_gives_way_to_the_whole_it_sits_in_when_the_question_names_both():
    docs = {"nne": {"role": "Neural Network Engineer", "title": "t"}}
    sections = [section("nne", "Neural Network Engineer", "Requirements", "What the job needs."),
                section("nne", "Neural Network Engineer", "Requirements › Education", "A bachelor's degree.")]
    guides = Catalog(docs, sections)
    assert [h.section_id for h in guides.topic_sections({"nne"}, ["education"])] == ["nne#requirements/education"]
    # "what do I need to get hired: degree, skills, all of it?"
    assert [h.section_id for h in guides.topic_sections({"nne"}, ["education", "requirements"])] == ["nne#requirements"]


def test_education_is_a_guides_degrees_not_a_heading_that_says_qualified():
    """dev13 d13s-16: comparing the education the roles need took the analysts' whole "Getting Qualified",
    whose "qualified" is a requirements word, and answered from its entry requirements, not its Degrees."""
    docs = {"isa": {"role": ISA[1], "title": "t"}}
    sections = [section("isa", ISA[1], "Getting Qualified", "Degrees and certifications."),
                section("isa", ISA[1], "Getting Qualified › Degrees", "A bachelor's degree; some prefer an MBA."),
                section("isa", ISA[1], "Getting Qualified › Entry Requirements at a Glance", "Education: bachelor's.")]
    guides = Catalog(docs, sections)
    assert [h.section_id for h in guides.topic_sections({"isa"}, ["education"])] == ["isa#getting-qualified/degrees"]
    assert [h.section_id for h in guides.topic_sections({"isa"}, ["requirements"])] == ["isa#getting-qualified"]
    assert [h.section_id for h in guides.topic_sections({"isa"}, ["education", "requirements"])] == [
        "isa#getting-qualified"]


def test_what_is_under_the_topics_is_under_each_of_them():
    """"what certification should I go for to move up, and what does it require?" is about moving up as
    much as about requirements: the lead sentence may come from either."""
    docs = {"nne": {"role": "Neural Network Engineer", "title": "t"}}
    sections = [section("nne", "Neural Network Engineer", "Requirements", "What the job needs."),
                section("nne", "Neural Network Engineer", "Requirements › Education", "A bachelor's degree."),
                section("nne", "Neural Network Engineer", "Career Development", "Where it leads."),
                section("nne", "Neural Network Engineer", "Career Development › Certifications", "Advanced ones."),
                section("nne", "Neural Network Engineer", "Common Challenges", "Hard parts.")]
    assert Catalog(docs, sections).under_topics({"nne"}, ["requirements", "progression"]) == {
        "nne#requirements", "nne#requirements/education", "nne#career-development", "nne#career-development/certifications"}


def test_a_topic_prefers_a_top_level_heading_to_a_subsection_whatever_word_names_it():
    # "demand" comes before "prospects" among the market's heading words, but names only a subsection here
    docs = {"nne": {"role": "Neural Network Engineer", "title": "t"}, "isa": {"role": ISA[1], "title": "t"}}
    sections = [section("nne", "Neural Network Engineer", "Market Demand", "Demand grows."),
                section("isa", ISA[1], "Job Prospects", "Demand stays strong."),
                section("isa", ISA[1], "Job Prospects › What Drives Demand", "Cyberattacks."),
                section("isa", ISA[1], "Job Prospects › Growth Rate", "Jobs rise by 29%.")]
    market = Catalog(docs, sections)
    assert [h.section_id for h in market.topic_sections({"isa"}, ["market"])] == ["isa#job-prospects"]
    # with no role named, each guide's own topic section
    assert [h.section_id for h in market.topic_sections({"nne", "isa"}, ["market"])] == [
        "isa#job-prospects", "nne#market-demand"]


def test_a_topic_word_the_question_uses_names_its_section_first_but_not_another_topics():
    docs = {"nne": {"role": "Neural Network Engineer", "title": "t"}, "isa": {"role": ISA[1], "title": "t"}}
    sections = [section("nne", "Neural Network Engineer", "Requirements", "What the job needs."),
                section("nne", "Neural Network Engineer", "Essential Soft Skills", "Communication."),
                section("isa", ISA[1], "Getting Qualified", "Degrees and certifications."),
                section("isa", ISA[1], "Skills Employers Look For", "Analytical thinking.")]
    guides = Catalog(docs, sections)
    asked = "What qualities and skills do employers look for in a security analyst?"
    assert [h.section_id for h in guides.topic_sections({"isa"}, ["requirements"], asked)] == ["isa#skills-employers-look-for"]
    assert [h.section_id for h in guides.topic_sections({"isa"}, ["requirements"])] == ["isa#getting-qualified"]
    # "Essential Soft Skills" says all the soft-skills topic's words: no requirements section, though "skills" is asked
    assert [h.section_id for h in guides.topic_sections({"nne"}, ["requirements"], "what skills do I need?")] == [
        "nne#requirements"]
    assert [h.section_id for h in guides.topic_sections({"nne"}, ["soft skills"])] == ["nne#essential-soft-skills"]


def test_a_heading_that_is_the_topic_word_alone_comes_first():
    docs = {"nne": {"role": "Neural Network Engineer", "title": "t"}}
    sections = [section("nne", "Neural Network Engineer", "Overview › Industries and Education", "Finance; a degree."),
                section("nne", "Neural Network Engineer", "Requirements › Education", "A bachelor's degree.")]
    assert [h.section_id for h in Catalog(docs, sections).topic_sections({"nne"}, ["education"])] == [
        "nne#requirements/education", "nne#overview/industries-and-education"]


def test_an_outline_lists_every_subsection_with_its_first_sentence():
    outline = TWO.outline_hit("isa#hard-parts-of-the-job")
    assert outline.section_id == "isa#hard-parts-of-the-job" and outline.heading == "Hard Parts of the Job"
    assert outline.text.splitlines() == ["The work has hard parts.", "- Emergencies: Breaches happen at night.",
                                         "- Deadlines: Fixes are due fast."]
    assert TWO.outline_hit("nne#salary-ranges") is None  # one subsection is no outline
    assert [parent_id(h.section_id) for h in TWO.subsections("isa#hard-parts-of-the-job")] == [outline.section_id] * 2


def test_a_topics_items_are_its_outline_or_all_a_list_section_says():
    assert [(text, h.section_id) for text, h in TWO.items("isa#hard-parts-of-the-job")] == [
        ("Emergencies: Breaches happen at night.", "isa#hard-parts-of-the-job/emergencies"),
        ("Deadlines: Fixes are due fast.", "isa#hard-parts-of-the-job/deadlines")]
    perks = section("nne", "Neural Network Engineer", "Overview › Advantages", "Several advantages:\n- Job security\n- Impact")
    listed = Catalog({}, [perks])
    assert [(text, h.section_id) for text, h in listed.items(perks.section_id)] == [
        ("Job security", perks.section_id), ("Impact", perks.section_id)]
    assert TWO.items("nne#requirements/education") == []  # no list in it: nothing to complete
    # a list section's prose is part of what it says: "Degrees" names computer science before its bullets
    degrees = section("isa", "Information Security Analyst", "Getting Qualified › Degrees",
                      "A bachelor's degree is typical. Most positions call for computer science.\n"
                      "- Some employers prefer an MBA.\n- Some positions ask for a master's degree.")
    assert [text for text, _ in Catalog({}, [degrees]).items(degrees.section_id)] == [
        "A bachelor's degree is typical.", "Most positions call for computer science.", "Some employers prefer an MBA.",
        "Some positions ask for a master's degree."]


def test_a_subsection_whose_heading_is_the_topic_asked_in_other_words_is_named():
    docs = {"isa": {"role": ISA[1], "title": "t"}}
    sections = [section("isa", ISA[1], "Where Analysts Work › Employers", "Consulting firms employ most analysts."),
                section("isa", ISA[1], "Where Analysts Work › The Workspace", "Analysts work indoors.")]
    work = Catalog(docs, sections)
    assert work.named_subsection("isa#where-analysts-work", "What kind of companies hire analysts?") == \
        "isa#where-analysts-work/employers"
    assert work.named_subsection("isa#where-analysts-work", "What is the work like?") is None


def test_the_subsection_a_question_names_is_given_whole():
    docs = {"isa": {"role": ISA[1], "title": "t"}}
    sections = [section("isa", ISA[1], "Getting Qualified › Degrees", "Most posts call for a degree."),
                section("isa", ISA[1], "Getting Qualified › Certifications", "Certifications carry weight.\n"
                        "- CompTIA Security+ is an entry-level credential.\n- CEH is another."),
                section("isa", ISA[1], "Getting Qualified › Qualified Experience", "Related work helps.")]
    qualified = Catalog(docs, sections)
    named = qualified.named_subsection("isa#getting-qualified", "which certifications do I need as a beginner?")
    assert named == "isa#getting-qualified/certifications"
    assert [text for text, _ in qualified.items("isa#getting-qualified", named)] == [
        "Certifications: Certifications carry weight.", "CompTIA Security+ is an entry-level credential.",
        "CEH is another.", "Degrees: Most posts call for a degree.", "Qualified Experience: Related work helps."]
    # the topic's own words ("qualified") and vague words name no one part of it
    assert qualified.named_subsection("isa#getting-qualified", "how do I get qualified?") is None
    assert qualified.named_subsection("isa#getting-qualified", "what experience, degrees or certifications?") is None


@pytest.mark.parametrize("subsections, items", [
    # a short first sentence is a heading in prose: the sentence that explains it joins
    ([("Locking Systems Down", "Analysts put protective software to work. Firewalls and encryption are the classic "
       "examples.\n- They update security files."),
      ("Watching the Network", "Much of the week is spent keeping an eye on the organization's many networks and "
       "systems. Analysts watch for breaches.")],
     # … and short sentences after it while the item stays within OUTLINE_ITEM_WORDS
     ["Locking Systems Down: Analysts put protective software to work. Firewalls and encryption are the classic examples. "
      "They update security files.",
      "Watching the Network: Much of the week is spent keeping an eye on the organization's many networks and systems. "
      "Analysts watch for breaches."]),
    # the sentence after a long first one joins when it holds the figure; the next would make the item too long
    ([("Work-Life Balance", "The on-call side of the job takes a toll on some people in the field. In one study, 24% "
       "of professionals said a lack of balance had affected them. Some teams rotate duty."),
      ("Changing Attackers", "Security work never reaches a finished state, because attackers keep inventing new "
       "methods. Analysts keep learning.")],
     ["Work-Life Balance: The on-call side of the job takes a toll on some people in the field. In one study, 24% of "
      "professionals said a lack of balance had affected them.",
      "Changing Attackers: Security work never reaches a finished state, because attackers keep inventing new methods. "
      "Analysts keep learning."]),
    # a lead-in that says something comes before what it lists; a short one says nothing
    ([("Career Advancement", "Once they have experience and the right skills, engineers can step up into leadership "
       "roles such as:\n- AI Architect: designs AI systems\n- AI Team Lead: manages teams"),
      ("Pay Factors", "Several factors can affect the pay:\n- Location: hubs pay more\n- Company size: big ones pay more")],
     ["Career Advancement: Once they have experience and the right skills, engineers can step up into leadership "
      "roles such as: AI Architect: designs AI systems. AI Team Lead: manages teams",
      "Pay Factors: Location: hubs pay more. Company size: big ones pay more"]),
])
def test_an_outline_item_is_its_heading_and_what_it_says_first(subsections, items):
    topic = Catalog({}, [section("g", "Role", "Topic", "Intro."),
                         *(section("g", "Role", f"Topic › {heading}", text) for heading, text in subsections)])
    assert [line[2:] for line in topic.outline_hit("g#topic").text.splitlines()[1:]] == items
    # the answer is completed with the same items, each saying as much or more (the model reads the short ones)
    completed = [text for text, _ in topic.items("g#topic")]
    assert len(completed) == len(items) and all(full.startswith(item.rstrip(".")) for full, item in zip(completed, items))


def test_the_answer_is_completed_with_more_of_a_subsection_than_the_model_reads():
    """dev9 d9s-02: "Some run penetration tests …" is the fourth sentence of "Hunting for Weak Spots"."""
    hunting = ("Finding problems before attackers do is a core part of the job. Analysts check systems for vulnerabilities.\n"
               "- They carry out risk assessments and run tests to confirm the security measures work.\n"
               "- Some run penetration tests, which means staging a simulated attack to find holes.")
    topic = Catalog({}, [section("g", "Role", "Week", "Intro."), section("g", "Role", "Week › Hunting", hunting),
                         section("g", "Role", "Week › Users", "Analysts train users.")])
    assert "penetration tests" not in topic.outline_hit("g#week").text
    assert "Some run penetration tests" in topic.items("g#week")[0][0]


def test_a_list_sections_bullets_join_as_one_item():
    perks = section("nne", "Neural Network Engineer", "Salary Ranges › Additional Compensation",
                    "Extras:\n- Equity or stock options\n- Performance bonuses")
    entry = section("nne", "Neural Network Engineer", "Salary Ranges › Entry-Level", "Entry-level pay is $70,000.")
    pay = Catalog({}, [section("nne", "Neural Network Engineer", "Salary Ranges", "Pay."), perks, entry])
    assert pay.items("nne#salary-ranges")[0][0] == "Additional Compensation: Equity or stock options. Performance bonuses"


def test_a_sections_details_are_its_sentences_and_bullets_without_lead_ins_or_links():
    certs = section("isa", "Information Security Analyst", "Getting Qualified › Certifications",
                    "Employers favour a certification. Common choices are:\n- CompTIA Security+\n"
                    "- Certified Ethical Hacker (CEH)\n- See example.com for more.")
    details = Catalog({}, [certs]).details(certs.section_id)
    assert [text for text, _ in details] == ["Employers favour a certification.", "CompTIA Security+",
                                             "Certified Ethical Hacker (CEH)"]
    assert {h.section_id for _, h in details} == {certs.section_id}
    assert Catalog({}, [certs]).details("isa#nowhere") == []


def test_the_topic_of_hits_that_gather_under_one_section():
    hits = TWO.sections
    assert TWO.topic([h for h in hits if h.doc_id == "isa"][:4]) == "isa#hard-parts-of-the-job"
    assert TWO.topic(hits[:1]) is None


def test_pay_bands_come_from_the_front_matter_else_from_level_words_under_a_pay_heading():
    assert ONE.band("nne", "entry-level").heading == "Salary Ranges › Entry-Level"  # no front matter: the heading
    assert ONE.band("nne", "senior-level") is None
    assert TWO.band("isa", "entry-level").heading == "Earnings › Starting Out"  # "starting" is an entry word
    sections = [*(s for s in SECTIONS if s.doc_id == "isa"), section("isa", ISA[1], "Earnings › Top Earners", "$186,420"),
                section("isa", ISA[1], "Earnings › The Middle of the Range", "$124,910")]

    def isa(facts: dict) -> Catalog:
        return Catalog({"isa": {"role": ISA[1], "title": ISA[1], "aliases": "", "facts": json.dumps(facts)}}, sections)

    assert isa({}).band("isa", "senior-level").text == "$186,420"  # "top earners": the top of the range
    assert isa({}).band("isa", "mid-level").text == "$124,910"  # "middle" is a mid-level word
    # the front matter wins over the heading's words
    named = isa({"pay_bands": {"senior-level": "earnings > the middle of the range"}})
    assert named.band("isa", "senior-level").text == "$124,910"


def test_requirements_come_from_the_front_matter_else_from_the_requirements_topic():
    assert [h.heading for h in ONE.requirements("nne")] == ["Requirements › Education"]
    declared = Catalog({"isa": {"role": ISA[1], "title": ISA[1], "aliases": "",
                                "facts": json.dumps({"requirements": ["Hard Parts of the Job"]})}},
                       [s for s in SECTIONS if s.doc_id == "isa"])
    assert [h.heading.split(" › ")[1] for h in declared.requirements("isa")] == ["Emergencies", "Deadlines"]


def test_what_a_guides_pay_figures_are_comes_from_its_front_matter():
    guide = Guide("g", "Role", "Title", (), {"region": "US", "salary_year": 2024})
    assert (guide.pay_period, guide.salary_year) == ("US 2024", "2024")
    assert Guide("g", "Role", "Title", ()).pay_period == ""


def test_a_part_named_only_by_its_opening_sentence_is_given_whole():
    docs = {"nne": {"role": "Neural Network Engineer", "title": "t"}}
    sections = [section("nne", "Neural Network Engineer", "Career Development › Career Advancement",
                        "Engineers can step up into leadership roles such as:\n- AI Architect\n- AI Team Lead\n- AI Project Manager"),
                section("nne", "Neural Network Engineer", "Career Development › Benefits", "The career pays well.")]
    grown = Catalog(docs, sections)
    assert grown.named_subsection("nne#career-development", "what leadership roles can I grow into?") == (
        "nne#career-development/career-advancement")
    # a word the question reader reads as a topic ("pays") names no part: it is what the question is about
    assert grown.named_subsection("nne#career-development", "which career pays more?") is None
    # an opening sentence names a part only when retrieval ranks no other part first: "end up" shares
    # only "up" with "… step up into leadership roles", and the benefits rank first
    ended = "could I end up doing medical stuff?"
    assert grown.named_subsection("nne#career-development", ended) == "nne#career-development/career-advancement"
    assert grown.named_subsection("nne#career-development", ended, best="nne#career-development/benefits") == (
        "nne#career-development/benefits")
    assert grown.named_subsection("nne#career-development", "what leadership roles can I grow into?",
                                  best="nne#career-development/career-advancement") == "nne#career-development/career-advancement"


def test_stemming_is_safe_from_many_threads_at_once():
    # one shared Snowball stemmer keeps its word in the object: threads stemming at once broke it
    # ("IndexError: string index out of range" while the web app built its catalog)
    from concurrent.futures import ThreadPoolExecutor
    text = "specializations interpretability certifications requirements " * 400
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(stems, [text] * 32))
    assert all(r == results[0] for r in results) and "special" in results[0]


def test_the_best_hits_gather_under_a_topic_only_with_the_best_among_them():
    by_id = {h.section_id: h for h in SECTIONS}
    challenges = [h for h in SECTIONS if h.heading.startswith("Common Challenges")]
    education = next(h for h in SECTIONS if h.heading == "Requirements › Education")
    assert ONE.topic([*challenges, education]) == parent_id(challenges[0].section_id)
    # "what regularisation tricks are recommended?": its best section is elsewhere, three more touch the challenges
    assert ONE.topic([education, *challenges]) is None
    assert ONE.opening("nne") == next(iter(by_id))  # the guide's first top-level section


def test_a_guides_sentences_about_its_own_layout_are_no_detail_and_no_outline_intro():
    docs = {"isa": {"role": "Information Security Analyst", "title": "t"}}
    sections = [section("isa", docs["isa"]["role"], "Hard Parts of the Job",
                        "These are the difficulties new analysts should expect. The role carries real pressure."),
                section("isa", docs["isa"]["role"], "Hard Parts of the Job › Emergencies", "Breaches happen at night."),
                section("isa", docs["isa"]["role"], "Hard Parts of the Job › Deadlines", "Fixes are due fast.")]
    guides = Catalog(docs, sections)
    assert guides.outline_hit("isa#hard-parts-of-the-job").text.splitlines()[0] == "The role carries real pressure."
    assert [text for text, _ in guides.details("isa#hard-parts-of-the-job")] == ["The role carries real pressure."]



def test_a_lead_in_is_followed_by_what_it_introduces():
    """dev10 d10n-12: "How much math …?" is closest to "The role is built on maths and statistics:",
    a lead-in no answer opens with; it opens with the first thing the lead-in introduces."""
    math = section("nne", "Neural Network Engineer", "Requirements › Math",
                   "The role is built on maths and statistics:\n- A solid grasp of linear algebra\n- Probability")
    catalog = Catalog({}, [math])
    assert catalog.following("nne#requirements/math", "The role is built on maths and statistics:") == \
        "A solid grasp of linear algebra"
    assert catalog.following("nne#requirements/math", "Not a sentence of it:") is None
