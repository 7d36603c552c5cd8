"""The words questions are read by, defined once: pay, levels, places abroad, years, comparisons,
lists, and the role referred to without its name.

Every stage that needs one of these concepts imports it from here, so the pay check that picks a
profile's band, the one that refuses pay abroad and the one that looks up official wages can no
longer disagree. Nothing here names a role: roles come from the guides' front matter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# --- pay: "salary", "earn", "how much do they make", "official data"; not "what makes a good …"
PAY = re.compile(
    r"\b(?:salar\w*|pay|pays|paid|earn\w*|income|compensation|wages?|percentiles?|oews|bls)\b"
    r"|\bofficial\s+(?:data|figures|statistics|numbers|wages?|pay)\b"
    r"|\bhow much\b.*\b(?:make|makes|making|get|gets)\b"
    r"|\b(?:do|does)\b.*\bmake\b\s*(?:in\b|per\b|a year|annually|\?|$)"
    r"|\b(?:make|makes|making)\s+(?:more|less|the (?:most|least)(?!\s+of))\b"  # "which of them makes more?"
    r"|\bwhat\s+(?:would|will|do|does|could|might|can|should)\s+(?:i|you|they|we|one|an?\s+\w+(?:\s+\w+)?)\s+"
    r"(?:\w+ly\s+)?(?:start|begin)\s+(?:on|at)(?:\s+as\b|\s*[?.!]|\s*$)", re.I)  # "what would I start on as …?"

# --- career levels, as slugs the guides' band headings use. One list of terms per level: the question
# reader finds levels with it, and the wage lookup strips it from a job name ("senior data scientists").
TENTH = r"(?:10|ten)(?=\s?(?:%|percent|per cent))"  # "10%", "ten percent": a tenth of earners
LOW_TENTH, HIGH_TENTH = rf"(?:bottom|lowest)\s{TENTH}", rf"(?:top|highest)\s{TENTH}"  # where pay starts, where it ends
FEW_YEARS = r"(?:a\s+)?(?:few|couple(?:\s+of)?|several)\s+(?:years?|yrs)"  # "a few years", "a couple of yrs"
LEVEL_TERMS = {"entry-level": r"entry|juniors?|new grads?|graduates?|graduated|beginners?|starting(?!\s+with\b)|start out|"
                              r"first (?:[\w/-]+ ){0,3}?(?:job|role|position)|"
                              r"early[- ]career|at the start|at first|"
                              r"(?:right |straight |fresh |just )?out of (?:school|college|uni|university)|"
                              # the bottom tenth of pay, which a guide gives as where pay starts: "and the
                              # bottom 10%?"; the top tenth is where it ends ("junior … compared to the top 10%?")
                              rf"{LOW_TENTH}",
               # a few years on: "and once i've got a few years under my belt?", "a couple of years of experience"
               "mid-level": rf"mid|midlevel|mid-career|intermediate|middle|(?<=after\s){FEW_YEARS}\b|"
                            rf"{FEW_YEARS}\s+(?:in\b|under\s+(?:my|your|the|their)\s+belt|(?:of\s+)?experience)",
               "senior-level": rf"seniors?|lead|principal|staff|experienced|top (?:earners?|end)|"
                               rf"{HIGH_TENTH}|very top|"
                               r"at the top(?!\s+(?:\d|or\b))|"
                               r"top of the (?:range|scale|ladder)|highest[- ](?:paid|earners?)|"
                               # how far pay goes: "whats the ceiling on earnings …?", "how high can the pay go?"
                               r"ceiling|how high (?:can|could|does|will|would) (?:\w+ ){0,2}go|max(?:imum)? (?:pay|salary|earnings)"}
LEVELS = {slug: re.compile(rf"\b(?:{terms})\b", re.I) for slug, terms in LEVEL_TERMS.items()}
# a level as a word before a job name: "entry", "mid-level", "early career", "seniors"
LEVEL_PREFIX = rf"(?:{'|'.join(LEVEL_TERMS.values())})(?:[- ](?:level|career))?"

# --- job titles: capitalised words ending on the noun a title ends on ("AI Architect", "Machine
# Learning Engineers"). A title a line gives must be one a source names whole: each of its words being
# somewhere in the guide ("Neural Network Architect" where the guide says "AI Architect") is not enough.
JOB_TITLE = re.compile(
    r"(?<![\w-])(?:[A-Z][\w+#&]*[ -])+(?:Engineer|Architect|Scientist|Analyst|Manager|Developer|Researcher|"
    r"Director|Officer|Consultant|Specialist|Lead|Administrator|Auditor|Tester|Designer|Programmer)(?:s|es)?(?![\w-])")
# what may stand before a title at the start of a sentence: "The", "For", "Senior", "Entry-Level"
TITLE_LEAD = re.compile(rf"^(?:(?:the|a|an|as|our|your|for|in|with|to|at|on|from|by|of|and|or|like|become|becoming|"
                        rf"{LEVEL_PREFIX})[ -])+", re.I)


def job_titles(text: str) -> set[str]:
    """The job titles ``text`` names, without a leading article or level and in the singular:
    "Senior Neural Network Engineers" → "Neural Network Engineer"."""
    found = set()
    for m in JOB_TITLE.finditer(text):
        title = re.sub(r"(?<=[a-z])(?:es|s)$", "", TITLE_LEAD.sub("", m.group(0)))
        if " " in title or "-" in title:  # a bare "Engineer" is a word, not a title
            found.add(title)
    return found


# --- places outside the U.S. (countries, currencies, cities). Vancouver, Vienna and Ontario are also
# U.S. metro names: alone they mean the foreign place, with a state the U.S. one ("Vienna, WV").
FOREIGN_NAMES = (
    "germany|german|france|french|uk|united kingdom|britain|british|england|london|europe|european|"
    "india|indian|bengaluru|bangalore|china|chinese|beijing|japan|japanese|canada|canadian|toronto|"
    "australia|australian|brazil|mexico|spain|italy|netherlands|sweden|switzerland|singapore|korea|"
    "nigeria|kenya|south africa|poland|ireland|israel|russia|ukraine|pakistan|philippines|vietnam|"
    "berlin|munich|paris|amsterdam|dublin|zurich|stockholm|copenhagen|oslo|helsinki|madrid|barcelona|"
    "lisbon|vienna|prague|warsaw|tokyo|seoul|shanghai|shenzhen|hong kong|taipei|taiwan|sydney|auckland|"
    "new zealand|mumbai|delhi|new delhi|hyderabad|pune|chennai|tel aviv|dubai|uae|lagos|nairobi|cairo|egypt|"
    "sao paulo|buenos aires|argentina|chile|colombia|bogota|peru|montreal|vancouver|ottawa|calgary|ontario|"
    "quebec|british columbia|edinburgh|scotland|wales|belgium|brussels|austria|denmark|norway|finland|"
    "portugal|greece|turkey|istanbul|indonesia|jakarta|malaysia|kuala lumpur|thailand|bangkok|abroad|overseas|"
    "euros?|pounds?|rupees?|yen|yuan|rmb|gbp|eur|inr|cad|aud")
FOREIGN = re.compile(rf"\b(?:{FOREIGN_NAMES})\b", re.I)
US_STATES = ("alabama alaska arizona arkansas california colorado connecticut delaware district_of_columbia florida "
             "georgia guam hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts "
             "michigan minnesota mississippi missouri montana nebraska nevada new_hampshire new_jersey new_mexico "
             "new_york north_carolina north_dakota ohio oklahoma oregon pennsylvania puerto_rico rhode_island "
             "south_carolina south_dakota tennessee texas utah vermont virgin_islands virginia washington "
             "west_virginia wisconsin wyoming")
USPS_CODES = ("AL AK AZ AR CA CO CT DE DC FL GA GU HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
              "NC ND OH OK OR PA PR RI SC SD TN TX UT VT VI VA WA WV WI WY")
USPS = {name.replace("_", " "): code for name, code in zip(US_STATES.split(), USPS_CODES.split(), strict=True)}
STATE_NAMES = re.compile(r"\b(" + "|".join(sorted(USPS, key=len, reverse=True)) + r")\b", re.I)
# "<place>, <state>" is American whatever the place is called ("Paris, TX", "Vienna, WV")
PLACE_WITH_STATE = re.compile(r"\b[A-Za-z][A-Za-z .'-]*,\s*(?:" + "|".join(USPS.values()) + "|"
                              + "|".join(sorted(USPS, key=len, reverse=True)) + r")\b", re.I)


def foreign_place(text: str | None) -> str | None:
    """The first place outside the U.S. that ``text`` names, as written, or None. A U.S. state
    makes a place American ("New Mexico", "Vancouver, WA")."""
    flat = PLACE_WITH_STATE.sub(" ", text or "")
    flat = STATE_NAMES.sub(lambda m: " " * len(m.group(0)), flat)
    m = FOREIGN.search(flat)
    return m.group(0) if m else None


YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# what something costs: asked for as an amount ("how much does the exam cost?", "what are the fees?"), not
# a cost named in passing ("how do they keep computing costs down?")
PRICE = re.compile(r"\b(?:costs?|costing|prices?|priced|pricing|fees?|tuition|expensive)\b", re.I)
AMOUNT = re.compile(r"\bhow much\b|\bhow expensive\b|\bwhat(?:'s|\s+is|\s+are|\s+does|\s+do|\s+would|\s+will)\s+"
                    r"(?:the\s+)?(?:costs?|prices?|fees?|tuition)\b|\bwhat\b.*\b(?:costs?|fees?)\s*\??\s*$", re.I)

# a request to write code, not a question about a career ("can u just write me a pytorch CNN …", "Write me
# a Python port scanner …"): asked of the assistant at the start of a sentence; "do I need to write code?"
# and "can you build a career without a degree?" are questions
WRITING_TASK = re.compile(r"(?:^|[.!?]\s+)\W*(?:(?:can|could|would|will)\s+(?:you|u|ya)\s+|(?:please|pls|plz|just|now)\s+)*"
                          r"(?:write|code|implement|generate|build|create|make|program|give|fix|debug)\s+(?:(?:me|us)\s+)?"
                          r"(?:up\s+)?(?:(?:an?|the|some|my|this)\s+)?(?:[\w+#/-]+\s+){0,4}?"
                          r"(?:code|script|program|function|class|snippet|scanner|app|bot|notebook|cnns?|rnns?|"
                          r"classifier|regex|sql|query|implementation|loop|bugs?|errors?)\b", re.I)


# a guide's sentence about its own layout ("This section covers who hires them …", "These are the
# difficulties new analysts should expect.", "The key requirements are grouped below."): nothing of the job
LAYOUT = re.compile(r"^\W*(?:this section|the (?:sub)?sections?\b(?! of)|these are the|here (?:is|are)|below (?:is|are)|"
                    r"(?:\w+\s+){1,4}(?:are|is)\s+(?:grouped|listed|set out|given|described)\s+below\W*$|"
                    # a source named as describing what the sentence then does not say: "O*NET describes a
                    # typical setting for the occupation."
                    r"(?:O\*NET|BLS|the (?:guide|source|data))\s+(?:describes|outlines)\s+(?:a|the)\s+(?:typical\s+)?\w+"
                    r"(?:\s+for\s+the\s+(?:occupation|role|job))?\W*$)", re.I)


def about_the_guide(sentence: str) -> bool:
    return bool(LAYOUT.search(sentence))


# a question of law ("are we legally required to notify customers?", "can I sue them?"): legal advice,
# which a career guide gives only where it speaks of the law itself
LEGAL = re.compile(r"\b(?:legal(?:ly)?|illegal(?:ly)?|lawful|unlawful|lawsuits?|sue|suing|lawyers?|attorneys?|"
                   r"enforceable|liable|liability|courts?|statutes?)\b", re.I)
# a question of personal finance ("should I put my bonus in an index fund or pay down my student loans?"):
# what to do with one's money, which no career guide advises on
FINANCE = re.compile(r"\b(?:index funds?|mutual funds?|etfs?|student loans?|401\(?k\)?|roth|iras?|mortgages?|"
                     r"retirement (?:savings|accounts?|plans?)|savings accounts?|crypto\w*|bitcoin|taxes|tax returns?|"
                     r"irs|hmrc|deduct(?:s|ed|ing|ible|ions?)?|tax (?:brackets?|deductions?|filing|write[- ]offs?)|"
                     r"pay (?:down|off) (?:my |the )?(?:debts?|loans?|credit cards?))\b", re.I)
# one named employer's own pay ("What does Google DeepMind pay its research engineers?", "salaries at
# CrowdStrike"), which no career guide gives: the guides give pay by level, and OEWS by place. Case
# matters: the employer is the capitalised name ("does it pay well?" names none)
_NAME = r"(?:[A-Z][\w&.-]*\s+){0,2}[A-Z][\w&.-]*"
EMPLOYER_PAY = re.compile(rf"\b(?:[Dd]oes|[Dd]o|[Dd]id|[Ww]ould|[Ww]ill)\s+(?P<by>{_NAME})\s+(?:pay|offer)\b"
                          rf"|\b(?:[Ss]alar(?:y|ies)|[Pp]ay|[Cc]ompensation|[Pp]ay bands?|[Oo]ffers?)\s+(?:at|from)\s+(?P<at>{_NAME})"
                          # "How much does a cloud architect earn at Amazon Web Services?"
                          rf"|\b(?:earn(?:s|ing)?|make|makes|making|(?:get|gets|getting)\s+paid|paid)\s+"
                          rf"(?:at|by|working\s+(?:at|for))\s+(?P<earned>{_NAME})"
                          # "What's the salary for a penetration tester at Deloitte?"
                          rf"|\b(?:[Ss]alar(?:y|ies)|[Pp]ay|[Cc]ompensation|[Ww]ages?)\s+(?:for|of)\s+[^.?!]{{0,40}}?\bat\s+"
                          rf"(?P<job_at>{_NAME})")


# a choice of two employers in a pay question ("work at Google or Meta, which one pays more?")
EMPLOYER_CHOICE = re.compile(rf"\b(?:at|between)\s+(?P<either>{_NAME})\s+(?:or|and|vs\.?)\s+(?:at\s+)?{_NAME}\b")


def employer_named(text: str) -> str | None:
    """The employer whose own pay ``text`` asks about, as written, or None."""
    found = EMPLOYER_PAY.search(text) or (asks_pay(text) and EMPLOYER_CHOICE.search(text))
    return next(name for name in found.groups() if name) if found else None


# advice a career guide does not give, by what it is called in a refusal: the law, one's money, visas,
# one employer's interviews ("What's the interview process like at Google DeepMind?"), negotiating pay, one
# school's admissions, today's news, what to buy
ADVICE = {"a question of law": LEGAL, "a question of personal finance": FINANCE,
          "a question of immigration": re.compile(r"\b(?:visas?|h-?1b|green cards?|work permits?|immigra\w*|"
                                                  r"citizenship|sponsorship)\b", re.I),
          "about job interviews": re.compile(r"\binterview(?:s|ing|ers?)?\b", re.I),
          # "give me the answers to the Security+ practice exam, questions 1-20": the test's own answers
          "for a test's answers": re.compile(r"\b(?:answers?|solutions?|answer key)\s+(?:to|for|of)\s+(?:[\w+-]+\s+){0,5}?"
                                            r"(?:exams?|tests?|quiz(?:zes)?|homework|assignments?|practice questions)\b"
                                            r"|\bdo my (?:homework|assignment|exam)\b", re.I),
          # "can you recommend a specific online bootcamp …?": the guides name no course, school or book
          "for a course, school or book to pick": re.compile(
              r"\b(?:recommend|suggest|point me to)\w*\s+(?:me\s+)?(?:(?:a|an|some|any|the|one|good|best|specific|"
              r"particular|decent|online|free|paid)\s+)*(?:bootcamps?|courses?|schools?|universit(?:y|ies)|colleges?|"
              r"books?|degree programs?|classes|tutorials?|youtube channels?|websites?)\b"
              r"|\b(?:which|best|top)\s+(?:online\s+)?(?:bootcamps?|universit(?:y|ies)|books?)\b", re.I),
          # "how should I negotiate a pay rise?": how to get more pay, not how much a job pays
          "about negotiating pay": re.compile(r"\b(?:negotiat\w*|(?:pay|salary) (?:rise|raise)s?|(?:get|getting|ask for|asking "
                                           r"for) (?:a |more )?(?:raise|rise|more money|more pay))\b", re.I),
          # "What are the admission requirements for Georgia Tech's online master's?": one school's own rules
          "about a school's admissions": re.compile(r"\badmissions?\b|\badmitted\b", re.I),
          # "Was there a big data breach in the news today?": what happened today, which no guide holds (said with
          # the day: a guide may well speak of news, "keep up with news of viruses")
          "for today's news": re.compile(r"\b(?:news|headlines?|hacked|breach\w*|attack\w*|layoffs?)\b[^.?!]{0,25}?"
                                         r"\b(?:today|yesterday|this (?:week|morning))\b|"
                                         r"\b(?:today's|yesterday's) (?:news|headlines?)\b", re.I),
          "what to buy": re.compile(r"\b(?:buy|buying|purchase|purchasing|laptops?)\b", re.I),
          "for medical advice": re.compile(r"\b(?:pain ?killers?|medications?|medicines?|meds|doses?|dosage|prescri\w+|"
                                           r"ibuprofen|paracetamol|acetaminophen|aspirin|tylenol|advil|physiotherap\w*|"
                                           r"(?:see|visit|ask) (?:a|my|your) (?:doctor|gp|physician))\b", re.I)}

# who is hiring at this moment: live job listings, which a guide about a career never holds ("Which
# companies are hiring right now?", "current job postings"); not the market ("is demand growing now?")
# nor the kinds of employer a guide names ("what kinds of companies hire analysts?")
_POSTINGS = r"\bjob\s+(?:postings|listings|ads|adverts)\b"
_FETCH = r"\b(?:show|find|see|send|link|list|give|get|browse|where)\b"
_PULL = r"\b(?:show|find|send|link|list|give|get|browse|search|pull up|look up)\b"  # fetching, not "where are the jobs?"
_OPEN_NOW = r"\b(?:right now|currently|today|this (?:week|month)|posted|hiring)\b"
LIVE_LISTINGS = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:companies|employers|firms|startups|organi[sz]ations)\b"
                           r"(?=.*\b(?:hir(?:e|es|ing)|recruit\w*|openings?|vacanc\w+|looking for)\b)"  # hiring, and
                           r".*\b(?:right now|currently|at the moment|today|this (?:week|month)|now)\b"  # when
                           r"|\b(?:current|open|live|latest)\s+(?:job\s+)?(?:postings|listings|vacancies|job ads)\b"
                           # the postings asked for, not what they say ("job ads near me say 'ISSO' — is that …?");
                           # "job boards": searching them asks nothing
                           rf"|{_FETCH}[^.?!]{{0,25}}{_POSTINGS}|{_POSTINGS}[^.?!]{{0,25}}{_FETCH}"
                           # "find me open … jobs in Austin posted this week", "pull up … job openings … this week"
                           rf"|{_PULL}(?=[^.?!]*{_OPEN_NOW})[^.?!]{{0,60}}\b(?:jobs|openings|positions|vacancies)\b", re.I)


def asking(text: str) -> str:
    """The sentences of ``text`` that ask ("Job postings all use different names. What titles should I
    search for?" asks for titles, not postings), or all of it when none ends in a question mark."""
    asked = re.findall(r"[^.?!]*\?", text)
    return " ".join(asked) if asked else text


# --- what shape of answer the question wants
COMPARE = re.compile(r"\b(?:compar\w*|differ\w*|versus|vs\.?|against|better|worse|more|less|than|both|"
                     r"between|each|either|neither)\b", re.I)
VERSUS = r"(?:vs\.?|versus)"  # one thing set beside another, word for word
COMPARING = re.compile(r"\b(?:compar\w*|differ\w*|versus|vs\.?|stacks? up|measures? up)\b", re.I)  # said outright, not "more"
# what the turn before said set beside something else: "is that more than a junior security analyst gets?"
THAN_THAT = re.compile(r"\b(?:is|was|are|were|does|do|would|will)\s+(?:that|this|it|those|these)\s+(?:\w+\s+)?"
                       r"(?:more|less|higher|lower|better|worse|bigger|smaller)\s+than\b", re.I)
# a choice between things it names: "Which field is growing faster, neural network engineering or information security?"
CHOICE = re.compile(r"\b(?:which|who|either)\b[^?]*\bor\b", re.I)  # "… for either infosec or neural network engineering?"
# what is done about one thing, not the work as a whole: "what do engineers do about that?", "… do when a breach hits?"
DOING_ABOUT = r"(?!\s+(?:about|with|when|if|once|after|before|differently)\b)"
LIST = re.compile(r"\b(?:what|which)\s+(?:are|were)\b|\ball\s+(?:the|of|their|its|[a-z]+s)\b"  # not "is it all office based?"
                  rf"|\b(?:list|name|enumerate|main|key|(?<!at the )(?<!very )top(?!\s+{TENTH})|common|everything|big picture|overview|run-?down|lay of the land|"
                  r"biggest|major|various|kinds?|types?|ways|way(?!\s+(?:more|less|too|better|worse|higher|lower|above|below)\b))\b"
                  r"|\b(?:what|which)\s+(?:[a-z]+\s+)?[a-z]{2,}[^s\s]s(?:\s+(?:are|do|should|can|could|will|would|"
                  rf"matter|help|is|have|to|does|did|were)\b{DOING_ABOUT}|\s*[?.!]|\s*$)", re.I)
# a request put as a question ("can u break down the pay …?", "could you explain …"): asks for what follows,
# answered with it, not yes or no; its words ask nothing of a guide
REQUEST = re.compile(r"^\W*(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?(?:break\s+(?:it\s+)?down|explain|"
                     r"tell\s+me(?:\s+about)?|walk\s+me\s+through|go\s+(?:over|through)|outline|describe|list|"
                     r"summari[sz]e|give\s+me|show\s+me|lay\s+out|spell\s+out|run\s+(?:me\s+)?through|compare|contrast|"
                     r"help\s+me\s+(?:understand|compare))\b", re.I)
# a question answered yes or no ("Do I need a PhD?", "Is remote work common?")
YES_NO = re.compile(r"^\W*(?:is|are|was|were|do|does|did|can|could|should|will|would|must|am|have|has)\b", re.I)


def yes_no(text: str) -> bool:
    """Answered yes or no ("Do I need a PhD?"), not a request put as a question ("can you explain …?")."""
    return bool(YES_NO.search(text)) and not REQUEST.search(text)


# where a second question starts: after a question mark, or at "also"/"and" before a question word
# ("Which industries hire …, and what would I be doing in finance?", "is edge AI a thing? Also how large …",
# "…, and roughly how many openings …")
SECOND_QUESTION = re.compile(r"\?\s+(?=\w)|[,;]?\s+(?:and\s+also|also|plus|and)\b,?\s+(?=(?:\w+ly\s+)?(?:what|how|which|where|who|when|"
                             r"why|is|are|do|does|can|could|should|will|would)\b)", re.I)
MIN_PART_WORDS = 3  # "… and why?" is no question of its own
# a later question about what an earlier one asked of: "… and what does it require?"
REFERS_BACK = re.compile(r"\b(?:it|its|that|this|these|those|them|they|their)\b", re.I)


def parts_of(question: str) -> list[str]:
    """The questions a message asks, when it asks more than one on its own; else []. A later one that
    refers back ("What certification should a mid-career analyst go for, and what does it require?")
    is about the first, and searched with it."""
    parts = [p.strip(" ?,;—–-") for p in SECOND_QUESTION.split(question)]
    parts = [p for n, p in enumerate(parts) if len(p.split()) >= MIN_PART_WORDS and not (n and REFERS_BACK.search(p))]
    return parts if len(parts) > 1 else []


# the job referred to without its name: "this line of work", "the role", "such a career"
ROLE_REFERENCE = re.compile(r"\b(?:this|that|the|such an?|such|these|those)\s+(?:kind of\s+)?(?:career|role|"
                            r"job(?!\s+(?:market|security|growth|titles?|offers?|openings?|prospects|outlook|"
                            r"satisfaction|hunt\w*|search\w*))|"  # "the job security thing" asks about job security
                            r"line of work|field|profession|position|occupation|jobs|roles|careers)\b", re.I)

# every role the guides cover, referred to together: "is either of these jobs remote-friendly?", "which
# of the two careers pays more?"
EVERY_ROLE = re.compile(r"\b(?:(?:either|both|each|which|neither)\s+(?:one\s+)?(?:of\s+)?(?:these|those|the|them)?\s*"
                        r"(?:two|2)?\s*(?:jobs?|roles?|careers?|professions?|occupations?)|"
                        r"(?:these|those|the)\s+(?:two|2)\s+(?:jobs|roles|careers|professions|occupations|fields))\b", re.I)
# the role a conversation was not about: "and the other one?", "what about the other career?"
OTHER_ROLE = re.compile(r"\bthe other(?:\s+(?:one|role|job|career|path|field|option|profession))?\b"
                        r"(?!\s+(?:hand|way|day)\b)", re.I)
WHICH_ROLE = "Which role do you mean?"  # the question back when several guides fit; a reply names the role
MAX_EVERY_ROLE = 3  # more guides than this, and "either of these jobs" says too little to compare them all


# everyday words for what the guides name otherwise, each with the guides' words for it (alternatives:
# one guide says "remote", another "remotely"): those join the search ("can I work from home?" reaches
# the line on working remotely)
# working away from the office, in everyday words (the office asks the same): the guides' "remote work"
REMOTE_WORK = (r"(?:work|working|wrk)\s+from\s+(?:home|anywhere)|wfh|home[- ]based|telecommut\w*|telework\w*|"
               # "could I do this job from my kitchen table?", "can you do it from home?"
               r"(?:do|doing|done|job|it|this|that)\s+from\s+(?:home|anywhere|(?:my|your|their|the)\s+(?:own\s+)?"
               r"(?:house|home|flat|apartment|couch|sofa|bed(?:room)?|kitchen(?:\s+table)?|living\s+room|garden))|"
               r"hybrid\s+work\w*|remote(?:ly)?(?:[- ]friendly)?|"
               r"(?:(?:stuck|tied|chained)\s+)?(?:in|into|to|at)\s+(?:the|an)\s+office|on[- ]?site|in[- ]person")
# "can you become a boss eventually?", "can you move into management?": a lead or manager, as the guides name
# those roles (not "my own boss")
LEADING = (r"(?:become|becoming|be|being)\s+(?:a|the)\s+boss|(?:move|moving|go|going|step|stepping|get|getting|"
           r"grow|growing|transition\w*)\s+(?:up\s+)?into\s+(?:management|leadership|managing|a\s+(?:lead|manager)\w*)")
JUGGLING = re.compile(r"\b(?:(?:keep|keeping|stay|staying) on top of|juggl\w*|multi-?task\w*|keep(?:ing)? track of|"
                      r"prioriti[sz]\w*)\b", re.I)
# who has the most of the jobs, not who pays: "which of those industries actually hires the most of them?" after pay
EMPLOYS_MOST = re.compile(r"\b(?:hires?|hiring|employs?|employing)\b[^.?!]*\b(?:most|largest|biggest)\b", re.I)
PARAPHRASES = [(re.compile(rf"\b(?:{REMOTE_WORK})\b", re.I), ("remote", "remotely")),
               (EMPLOYS_MOST, ("employ most", "employment")),  # as the guides put who has the jobs
               (re.compile(r"\b(?:burn[- ]?out|burned out|burnt out|stress\w*|overwork\w*|exhaust\w*)\b", re.I),
                ("work-life balance",)),
               (re.compile(r"\bmaths?\b", re.I), ("maths", "mathematics", "mathematical")),  # and the British
               # "which is more coding heavy? what languages does each use?": "Programming or scripting …"
               (re.compile(r"\b(?:coding|code|coders?|languages?)\b", re.I), ("programming",)),
               (re.compile(r"\bpen[- ]?test(?:s|ing|ers?)?\b", re.I), ("penetration tests",)),  # the trade's shorthand
               # "is the demand going to last or is it just hype that'll crash?": whether the jobs stay, as the guides put it
               (re.compile(r"\b(?:bubble|(?:going to|gonna|will|it'll|that'll) (?:last|crash|die down|dry up|"
                           r"fizzle out)|here to stay|future[- ]proof)\b", re.I), ("job growth and security",)),
               # "do they get woken up at 3am when something gets hacked?": called in at night for a breach
               (re.compile(r"\b(?:\d{1,2}\s?(?:am|a\.m)|middle of the night|woken up|wake (?:\w+ )?up|late at night|"
                           r"overnight|after[- ]hours|graveyard shifts?)\b", re.I), ("at night",)),
               (re.compile(r"\b(?:gets?|got|been|being|was|were) hacked\b", re.I), ("breach",)),
               # "which job means weird hours?": hours beyond the working day, as the guides call them
               (re.compile(r"\b(?:weird|odd|unusual|irregular|unsocial|antisocial|crazy|strange|funny) "
                           r"(?:hours|schedules?|shifts?)\b", re.I), ("on-call duty beyond regular business hours",)),
               # "what niches can you narrow down into?": where a career specializes, as the guides call it
               (re.compile(r"\b(?:niches?|narrow (?:down|(?:my|your|their|the) focus))\b", re.I), ("specializing",)),
               # "does great on training data and terrible on new data", "… falls apart on anything new": what the
               # guides call overfitting
               (re.compile(r"\b(?:training|train) (?:data|set)\b.*\b(?:(?:new|unseen|test|real[- ]world) "
                           r"(?:data|examples?|inputs?)|anything (?:new|else)|new (?:stuff|things|cases)|generali[sz]\w*)\b",
                           re.I), ("overfitting",)),
               # "what perks do you get besides the salary?": the guides' benefits, not only the career's advantages
               (re.compile(r"\b(?:perks?|extras?|fringe benefits?|throw in|thrown in|"
                           r"on top of (?:the )?(?:base )?(?:pay|salary))\b", re.I), ("benefits",)),
               # "how do engineers stop a model from just memorizing the training data?": what the guides call overfitting
               (re.compile(r"\bmemori[sz](?:e|es|ed|ing)\b", re.I), ("overfitting",)),
               # "which one would I use for pictures?": the guides' images
               (re.compile(r"\b(?:pictures|photos?|photographs?)\b", re.I), ("images",)),  # not "the big picture"
               (re.compile(rf"\b(?:{LEADING})\b", re.I), ("leadership roles",)),
               # "how do you decide which of those to use?": selecting one, as the guides' practices say it
               (re.compile(r"\b(?:decid\w*|choos\w*|pick\w*)\s+(?:which|between|the right (?:kind|type|sort)s? of)\b", re.I),
                ("selecting the right",)),
               # "how do engineers make models less of a black box?": what the guides call interpretable, explainable
               (re.compile(r"\bblack[- ]?box(?:es)?\b", re.I), ("interpretable", "explainable")),
               # "what would I be building if I worked at a bank?": the industries as the guides name them
               (re.compile(r"\b(?:(?:a|the|at|for|in|big|large|local|investment|retail|central)\s+banks?|banks|banking|"
                           r"fintech|hedge funds?|trading firms?|insurers?|insurance compan(?:y|ies))\b", re.I), ("finance",)),
               (re.compile(r"\b(?:hospitals?|clinics?|pharma(?:ceutical)? compan(?:y|ies)|biotech)\b", re.I), ("healthcare",)),
               (re.compile(r"\b(?:car ?(?:makers?|compan(?:y|ies)|manufacturers?)|automakers?|self[- ]driving cars?)\b", re.I),
                ("automotive",)),
               (re.compile(r"\b(?:online (?:shops?|stores?|retailers?)|web ?shops?)\b", re.I), ("e-commerce",)),
               # "how do they keep on top of lots of parallel tasks?": how the work is organised, not what it is
               (JUGGLING, ("time management",)),
               # "how do they handle that on small devices like phones or sensors?": what the guides call the edge
               (re.compile(r"\b(?:(?:smart)?phones?|mobile devices?|sensors?|iot|wearables?|embedded (?:devices?|systems?|chips?)|"
                           r"(?:small|tiny|little|low[- ]power)\s+(?:[\w-]+\s+)?(?:devices?|gadgets?|chips?)|"
                           r"on[- ]device|firmware)\b",
                           re.I), ("edge devices",)),
               # "how many people work in it now?": the jobs the occupation holds, as the guides count them
               (re.compile(r"\bhow many (?:people|workers|professionals|analysts|engineers|of them|folks)\b(?! (?:earn|make|get paid))|"
                           r"\b(?:number of (?:people|workers|professionals)|head ?count|size of the (?:work ?force|field))\b|"
                           r"\bhow many (?:jobs|positions) (?:are there|exist|there are)\b(?! (?:expected|projected|going|set))|"
                           r"\btotal (?:number of )?(?:jobs|positions)\b", re.I),
                ("jobs held",)),
               # "which is better for flexible work?": where and when the work is done, as the guides say it
               (re.compile(r"\bflexib(?:le|ility)\b", re.I), ("work remotely", "schedule")),
               # "which types of neural networks do they build?": "several kinds of network architecture"
               (re.compile(r"\btypes? of\b", re.I), ("kinds of",)),
               # "is it mostly alone at a screen?": working alone, as the guides say it (not "alone" as "only": "is
               # a degree alone enough?"; "solo at a desk" asks of the workspace too, which the search finds as said)
               (re.compile(r"\b(?:(?:mostly|all|work\w*|sit\w*|be|being|am|are|is) alone|by (?:myself|yourself|themselves|"
                           r"himself|herself))(?: (?:at|behind|in front of) (?:a|the) (?:screens?|computers?|monitors?))?\b",
                           re.I), ("work alone",)),
               # "do they deal with backups?": what the guides call copying data to keep it safe
               (re.compile(r"\b(?:back[- ]?ups?|backing up|backed up)\b", re.I), ("copying data",)),
               # "does it reach into things like farming?", "what about games and movies?": the sectors as the guides name them
               (re.compile(r"\b(?:farm(?:s|ing|ers?)?|crops?)\b", re.I), ("agriculture",)),
               (re.compile(r"\b(?:(?:video )?games?|gaming|movies?|films?|music|streaming)\b", re.I), ("entertainment",)),
               (re.compile(r"\b(?:hospitals?|medicine|doctors?|patients?)\b", re.I), ("healthcare",)),
               # "what pushes that number higher?" after a band, "what affects the salary?": what pay depends on
               # (asked, not said: "location influences salary" in an answer's line claims what it says)
               (re.compile(r"\bwhat\s+(?:(?:push|pushes|drives?|bumps?|boosts?|raises?)\s+(?:(?:the|that|your|their)\s+)?"
                           r"(?:pay|salar(?:y|ies)|earnings|wages?|number|figure|it)\s+(?:higher|up)|(?:affects?|determines?|"
                           r"influences?)\s+(?:(?:the|your|their|how much)\s+)?(?:pay|salar(?:y|ies)|earnings|wages?))\b",
                           re.I), ("factors", "affect")),
               # "how do they pick the best learning rate, batch size and all that?", "how do they find the best
               # settings for a model?": a model's settings
               (re.compile(r"\b(?:learning rates?|batch sizes?|(?:number|no\.?) of (?:layers|epochs)|dropout rates?|"
                           r"settings?\s+(?:for|of|on)\s+(?:a|the|your|their|each)\s+(?:model|network|neural net\w*)|"
                           r"model settings)\b",
                           re.I), ("hyperparameters",))]


def paraphrased(text: str) -> str:
    """``text`` with the guides' words for the everyday ones it uses (PARAPHRASES) added."""
    return " ".join([text, *guides_words(text)])


def guides_words(text: str) -> list[str]:
    """The guides' words for the everyday ones ``text`` uses (PARAPHRASES), one string per paraphrase;
    not for what it says of the asker's self ("I'm a nurse … pretty burned out. What would I need to
    get hired?" asks nothing of work-life balance), though a problem of theirs counts ("my model does
    great on training data and terrible on new data."), and so does all of it when the question asks of
    it ("I work on embedded firmware for small low-power devices. Is there demand for people with
    that kind of background?")."""
    asked = text if OWN_BACKGROUND.search(text) else SELF.sub(" ", text)
    return [" ".join(words) for pattern, words in PARAPHRASES if pattern.search(asked)]


def without_everyday(text: str, used: Callable[[str], bool] = lambda words: True) -> str:
    """``text`` (a search ``paraphrased`` made) without the everyday words PARAPHRASES give the guides'
    words for, and with one of those alternatives only, the first the guides use (``used``): whether
    the sections hold "burnout" is asked of "work-life balance" instead, and "remote" or "remotely"
    counts once."""
    for pattern, words in PARAPHRASES:
        if pattern.search(text):
            text = pattern.sub(" ", text)
            for word in words:
                text = re.sub(rf"\b{re.escape(word)}\b", " ", text)
            text = f"{text} {next((w for w in words if used(w)), words[0])}"
    return text


# chat filler that asks nothing of a guide: "how much math do i need for this lol" searches without "lol"
# (and how short the answer should be: "in a nutshell", "briefly" ask for no section of their own)
FILLER = re.compile(r"\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|tbh|ngl|imo|imho|idk|btw|honestly|seriously|"
                    r"pls|plz|please|thanks|thank you|thx|hey|hello|um+|uh+|hmm+|"
                    r"in a nutshell|in short|in brief|briefly|tl;?dr|in (?:a|one) (?:sentence|line|word)|"
                    r"in (?:a few|simple|plain) words|in plain english|"
                    # and how frank: "give it to me straight, what sucks about …?" asks for the hard parts whole
                    r"give it to me straight|(?:be|being) (?:honest|real|straight)(?: with me)?|real talk|"
                    r"no sugar[- ]?coating|(?:don'?t|do not) sugar[- ]?coat (?:it|anything))\b[!.,]*", re.I)


# an interjection a chat turn opens with: "ok and later on in my career?"
OPENER = re.compile(r"^\W*(?:ok(?:ay)?|alright|cool|great|right|nice|got it|i see)\b[\s,.!]*", re.I)
# a greeting before the question: "hi! what does a neural net engineer even do all day?"
GREETING = re.compile(r"^\W*(?:hi|hey|hello|hiya|howdy|greetings|good (?:morning|afternoon|evening))"
                      r"(?:\s+(?:there|all|everyone|guys|folks))?\b[\s,.!:;-]*(?=\S)", re.I)


def without_filler(text: str) -> str:
    return " ".join(FILLER.sub(" ", REQUEST.sub("", OPENER.sub("", text))).split())


_SENTENCE_START = r"(?:^|(?<=[.!?])\s+)(?:so\s+|well\s+|hi\s+)?"
_I = r"i|i'm|im|i've|i'd|i am|i have"
# a statement about the asker or their team, not a question ("I'm a teacher thinking of switching.", "I'm pretty
# introverted.", "Training takes forever and our GPUs are maxed out.", "It's for my practice test."); not a
# request ("Tell us about pay.")
ABOUT_ME = re.compile(rf"{_SENTENCE_START}"
                      rf"(?:(?:{_I}|my|me)\b|(?!(?:tell|give|list|show|explain|describe|compare|help|"
                      r"please|let)\b)[^.?!]*?\b(?:we|we're|we've|our|my)\b)[^.?!]*[.!]+(?=\s|$)", re.I)


# a sentence about the asker themself: "I'm a nurse, pretty burned out.", "I've been teaching myself Python."
SELF = re.compile(rf"{_SENTENCE_START}(?:{_I})\b[^.?!]*[.!]+(?=\s|$)", re.I)
# a remark on the asker after the question, unended: "how much maths do u need? i kinda flunked stats in college lol"
AFTERTHOUGHT = re.compile(rf"(?<=\?)\s+(?:{_I})\b[^.?!]*$", re.I)
# a question asking of what the asker said of themself
OWN_BACKGROUND = re.compile(r"\b(?:that|this|my|such an?|a similar)\s+(?:kind of\s+|sort of\s+)?(?:background|experience|"
                            r"skill ?set|expertise)\b|\b(?:someone|people) like me\b", re.I)


# what the asker means to become, said of themself ("I'm thinking of becoming a pharmacist.", "I'm also
# considering nursing."): unlike the job they hold now, that career is what they ask about
AIMING = re.compile(r"\b(?:becom\w*|switch\w*|consider\w*|thinking (?:of|about)|mov(?:e|ing) into|transition\w*|"
                    r"pivot\w*|want(?:s|ed|ing)? to (?:be|get into|work as)|interested in|go(?:ing)? into|"
                    r"train(?:ing)? (?:as|to be)|retrain\w*|apply\w* (?:for|to))\b", re.I)


def without_own_job(text: str) -> str:
    """``text`` without the sentences that say what the asker is now ("I'm a high school maths teacher
    with a math degree."): their job now is not the career asked about, one they aim for is."""
    return " ".join(SELF.sub(lambda m: m.group(0) if AIMING.search(m.group(0)) else " ", text).split()) or text


def without_asker(text: str) -> str:
    """``text`` without what it says of the asker, when it asks something besides: what the guides
    are asked is the question, not the asker's own job or mood."""
    rest = " ".join(ABOUT_ME.sub(" ", text).split())
    return rest if rest else text


# --- career topics: what a question says (left) and the words a guide's top-level heading uses for it
# (right). A guide with other heading names ("Hard Parts of the Job", "A Typical Week") needs no change.
# A question about daily work asks for the whole of it however it is put; other topics, when it asks
# for a list ("what are the main challenges?").
TOPICS: dict[str, tuple[re.Pattern, tuple[str, ...]]] = {
    name: (re.compile(asked, re.I), tuple(heading.split())) for name, asked, heading in [
        ("challenges", r"\b(?:(?:bad|dark|down|difficult|hard|tough|frustrating|negative|ugly) (?:parts?|sides?|things?|bits?)\b|"
                       r"challeng\w*|difficult\w*|hard(?:est)?\b|(?<!given )(?<!specific )(?<!business )(?<!for a )(?<!for each )problems?(?![- ]?solv)|obstacles?|struggl\w*|downsides?|"
                       r"cons\b|pain points?|headaches?|tough\w*|stress\w*|pressures?|drawbacks?|frustrat\w*|annoy\w*|"
                       r"worst (?:parts?|things?|aspects?|bits?)\b|sucks?\b|negatives?\b)",
         "challenges hard difficulties problems obstacles"),
        ("advantages", r"\b(?:advantages?|upsides?|perks?|pros\b(?=\s*(?:and|&|of|vs\b|versus|[?.!,]|$))|plus(?:es)? side|rewards?|rewarding|worth it|"
                       r"benefits?|why (?:would|should|do) (?:anyone|people|i|you) (?:choose|pick|go into|become))",
         "advantages benefits rewards"),
        # not how long the day is ("how long are the weeks typically?": hours)
        ("daily work", r"\b(?:(?:day|week)[- ]to[- ](?:day|week)|(?<!long are )(?<!long is )"
                       r"(?:the|a|each|every|their|all|average|normal|usual|typical) (?:work ?)?"
                       r"(?:day|week)s?\b|daily|duties|tasks|"
                       r"responsibilit\w*|(?:what|stuff|things|everything)\b[^.?!]{0,30}?\b(?:responsible for|in charge of)|work ?loads?|work look like|spend(?:s|ing)?\s+(?:(?:most|much|all|some)\s+of\s+)?(?:their|your|my|his|her|the)\s+(?:work(?:ing)?\s+)?time|"
                       r"'s\s+(?:work\s?)?(?:day|week)\b)",
         "responsibilities duties typical week day work tasks"),
        ("education", r"\b(?:degrees?|doctorate|doctoral|ph\.?\s?d\b|master'?s|bachelor'?s|diplomas?|educat\w*|"
                      r"schooling|(?<!out of )(?:university|college)|stud(?:y|ies))", "education degrees"),
        # the person the job suits: "what kind of person does well as a security analyst?"
        ("soft skills", r"\bsoft skills?|people skills|good with (?:people|others|clients|colleagues)|people person|"
                        r"non[- ]?technical skills?|interpersonal|personality|personal qualities|character traits|"
                        r"(?:kind|type|sort) of (?:person|people)|cut out for", "soft skills"),
        # skills of any kind but the soft ones (a topic of their own), and what employers look for
        ("requirements", r"\b(?:requir\w*|qualif\w*|need to (?:know|learn|have)|prerequisites?|get (?:in|hired|started)|"
                         r"(?<!soft )(?<!people )(?<!interpersonal )(?<!communication )(?<!technical )skills?(?: (?:are )?needed)?|"
                         r"(?<!non-)(?<!non )(?<!non)technical skills?|"
                         r"qualities|(?:employers?|companies|hiring managers|recruiters) (?:\w+ly )?"
                         r"(?:want(?!s? (?:me|you|us|them)\b)|look(?:ing)? for|expect|seek|value|prefer)\w*)",
         "requirements qualified qualifications skills"),
        # where the field is going ("where's the field heading?", "what's hot right now"), not which way
        # a career can go ("what other directions could I take?": progression)
        ("trends", r"\b(?:trends?|trending|future|emerging|up[- ]and[- ]coming|shaping|cutting[- ]edge|"
                   r"direction(?!s?\s+(?:could|can|might|would|should)\s+(?:i|you|one|we)\b)|"
                   r"where(?:'s|\s+is|\s+are)\s+(?:\w+\s+){0,3}?(?:heading|headed|going)|hot(?![- ]?spots?)|"
                   # "what big shifts in the field should I keep an eye on?"
                   r"(?:big|bigger|biggest|major|key)\s+(?:shifts?|changes?|developments?)|keep\s+an\s+eye\s+on|"
                   r"next\s+big\s+thing)\b", "trends future"),
        # where the jobs are: a guide's hotspots, not where one works day to day (the office, remote)
        ("places", r"\b(?:where in the world|(?:which|what|best|top) (?:cities|countries|regions|places|locations|"
                   r"parts of the world)|relocat\w*|hot ?spots?|geograph\w*|cities|countries|concentrated)\b",
         "hotspots geographical locations regions"),
        # where one works day to day: the office, remote work ("is either of these jobs remote-friendly?"),
        # not when ("outside office hours")
        ("workplace", rf"\b(?:work(?:ing)?\s+(?:environment|conditions|setting)|workplaces?|workspaces?|"
                      rf"office(?!\s+hours)|remote\w*|hybrid|indoors|outdoors|{REMOTE_WORK})\b",
         "workspace workplace environment setting"),
        ("market", r"\b(?:demand|job market|hiring|prospects?|outlook|openings|(?:job|jobs|employment) growth|"
                   r"job security|secure|(?:safe|safer|safest) bet|"  # "which is the safer bet?"
                   # "how fast is the field growing?", not "how fast is reinforcement learning growing?"
                   r"how (?:fast|quickly) (?:is|are|will|does|do)\s+(?:\w+\s+){0,6}?(?:fields?|jobs?|roles?|careers?|"
                   r"occupations?|professions?|demand|employment|market)\s+(?:\w+\s+){0,2}?grow\w*|"
                   # "how many jobs are expected to grow …?", "employment is projected to rise"
                   r"(?:jobs?|roles?|employment|demand|openings)\s+(?:(?:is|are|will be)\s+)?(?:expected|projected|predicted|"
                   r"forecast|set|going|likely)\s+to\s+(?:grow|rise|increase)|"
                   r"growth rate|"  # what grows is a job ("which one is growing faster?"), not "parts of AI"
                   r"(?:one|ones|roles?|jobs?|careers?|fields?|occupations?|demand|employment)\s+(?:is\s+|are\s+)?"
                   r"(?:growing|grow|grows)\s+(?:fast\w*|quick\w*|the most)|"
                   # "are information security analyst jobs growing? how fast …?"
                   r"(?:jobs?|roles?|careers?|fields?|occupations?|demand|employment)\s+(?:still\s+)?growing(?=\s*\?)|"
                   r"fastest[- ]growing\s+(?:roles?|jobs?|careers?|fields?|occupations?))\b",
         "market demand prospects outlook"),
        ("progression", r"\b(?:advanc\w*|progress\w*|promot\w*|career paths?|move up|moving up|grow in|step up|"
                        r"work (?:\w+\s+)?way up|climb\w*|rise (?:up\s+)?(?:to|through)|"
                        r"speciali[sz]\w*|specialt(?:y|ies)|niches?|"
                        r"from (?:junior|entry[- ]level|mid[- ]level) to (?:senior|lead|mid[- ]level)|"
                        r"where\s+(?:can|could|will|would|might|does)(?:\s+(?:this|the|that|a|my|it)\b(?:\s+\w+)?)?\s+(?:take|lead|go)|"
                        r"take me|long[- ]term|grow into|next steps?|later (?:on )?in (?:my|the|your|their|one's) (?:\w+ )?careers?|"
                        # "Where can I go after a few years? I'd eventually like to manage people"
                        r"where\s+(?:can|could|will|would|might|do|does)\s+(?:i|you|one|we|they|people)\s+go\s+"
                        r"(?:from|after|next)|"
                        r"(?:manag|lead)\w*\s+(?:people|teams?|a team|others|staff)|"
                        rf"{LEADING}|"
                        r"later on|down the (?:road|line)|(?:where|what)\s+(?:\w+\s+){0,4}?end up|"
                        r"(?:leadership|management) (?:roles?|positions?)|senior titles|ladders?|"
                        r"(?:can|could|will|would|might|does|do)\s+(?:\w+\s+){0,4}?(?:careers?|jobs?|roles?|paths?|"
                        r"positions?|it|this)\s+lead\s+(?:me\s+|you\s+)?to|directions?\s+(?:could|can|might|would|should)\s+(?:i|you|one|we)\s+take)\b",
         "development moving advancement progression"),
        ("best practices", r"\b(?:best practices?|tips|do well|succeed|good at)\b", "practices"),
        # "how much do they earn?" (no level named) is about the whole pay section: every band
        ("pay", PAY.pattern, "salary salaries earnings pay wages compensation"),
        # who hires: the kinds of employer and the industries a guide names ("what kinds of companies
        # would employ me?" is not answered by where the hotspots are)
        # (not what employers want of a candidate: that is requirements)
        ("employers", r"\b(?:compan(?:y|ies)|employers?|employ|firms?|industries|(?:which|what|each|by|per)\s+industry|"
                      r"sectors?|who (?:\w+ly\s+)?(?:hires|employs)|(?:hires?|employs?)\s+(?:the\s+)?most)\b"
                      r"(?!\s+(?:are\s+|do\s+)?(?:\w+ly\s+)?(?:want|look|expect|seek|prefer|value|need|ask|require|"
                      r"throw|offer|give|provide)\w*)",
         "industries"),  # not "employers": "Skills Employers Look For" is about skills
    ]}


# words that only colour a question ("I'm pretty introverted. How much does … actually matter?"): they
# name nothing a guide could hold, so the evidence check never asks for them
HEDGES = frozenset("actually really pretty quite very just basically literally totally truly even much honestly "
                   "seriously kinda sorta somewhat fairly rather though considered".split())


WHOLE_TOPICS = frozenset({"daily work"})
# a question that asks for a count ("and how many jobs is that?"): its answer is a figure
HOW_MANY = re.compile(r"\bhow many\b|\b(?:the|what(?:'s| is)?) number of\b", re.I)
# topics the guides tell in figures (growth rates, openings, market size): a comparison gives each side one
COUNTED_TOPICS = frozenset({"market"})
# a figure about jobs, which is what compares two roles' market ("133 million new jobs", "16,000 job
# openings"), not a product market's worth ("the AI software market … $126 billion") …
JOB_FIGURE = re.compile(r"\b(?:jobs?|employment|openings|positions|workers)\b", re.I)
# … and of those a rate, which compares fields of any size ("the number of analyst jobs to rise by 29%")
RATE = re.compile(r"\d\s?(?:%|percent\b)", re.I)
# topics a pay question names only in passing: "do larger companies pay more?", "which cities pay best?" are about pay
PAY_ASIDES = frozenset({"employers", "places"})
# topics that count only when asked as a whole: "how much do they earn?" wants every pay band, while a
# pay question about one part ("negotiate a pay rise", "what affects pay") is left to its own sections
WHOLE_ONLY = frozenset({"pay"})
# words that leave a topic question about the topic as a whole ("what makes this job hard?")
VAGUE = frozenset("what which how why who is are do does did can could would will should make makes made thing things "
                  "main biggest big typical usual usually common kind kinds sort part parts aspect aspects face faced faces facing "
                  "deal involve involved like look looks really actual actually mostly most day days job jobs role roles "
                  "career careers work field line a an the this that these those of in for to with about me i you "
                  "they them their there any some all list name tell give key major top being become becoming get so "
                  "ones one much s go going gonna straight someone somebody anyone anybody stuff and among at on from by into these days now right currently nowadays today lately "
                  "recently say says said anything something guide guides year years months as be my doing spend spends spending "
                  "everything basically essentially overall general generally whole out person it many then anyway anyways kinda sorta "
                  "realistically honestly whatever mention mentions mentioned first second third wreck wrecks wrecking "
                  "ruin ruins ruining "
                  "whether besides other others might typically normally roughly approximately "
                  "even "  # "what does a neural net engineer even do all day?"
                  "us usa america united states nationally".split())  # s: "what's"; "out there"; the guides' country


def topics_in(text: str) -> list[str]:
    """The career topics a question asks about, in TOPICS order (the more specific first); pay set aside
    ("besides the base pay, what extras …?") is none of them."""
    text = PAY_ASIDE.sub(" ", text)
    return [name for name, (pattern, _) in TOPICS.items() if pattern.search(text)]


def without_topic_words(text: str) -> str:
    """``text`` without the phrases that name its topics ("the frustrating or difficult sides")."""
    for pattern, _ in TOPICS.values():
        text = pattern.sub(" ", text)
    return text


def only_topic_words(text: str) -> bool:
    """The question says nothing but its topics (and vague words, and the guides' words a paraphrase
    added: "is it stressful? work-life balance"): it asks about the topic as a whole."""
    text = without_topic_words(text)
    for _, words in PARAPHRASES:
        text = re.sub("|".join(rf"\b{re.escape(w)}\b" for w in words), " ", text, flags=re.I)
    return only_vague(text)


def only_vague(text: str) -> bool:
    """Every word of ``text`` is one that names nothing a guide could hold (VAGUE)."""
    return all(w in VAGUE for w in re.findall(r"[a-z]+", text.lower()))


# when the work happens, not what it is: "what tools do security analysts use day to day?" asks about tools
WORK_TIME = re.compile(r"\b(?:(?:day|week)[- ]to[- ](?:day|week)|daily|(?:every|each|all) (?:work ?)?(?:day|week)|"
                       r"on a (?:daily|day[- ]to[- ]day) basis)\b", re.I)


# a verdict asked of whatever the question names: "is a master's worth it?" asks about the degree, not
# about the career's advantages, which "is it worth it?" alone asks
VERDICT = re.compile(r"\bworth it\b", re.I)
# what follows a word said as the name of a line of work: "the security field", "the AI industry"
FIELD_NOUNS = r"field|industry|sector|world|space|profession|careers?"
# words that judge ("popular", "sophisticated", "lucrative"): a claim of their own, which the section a
# line cites must make itself ("Cyberattacks have become more frequent" backs no "… and sophisticated")
JUDGEMENTS = frozenset({
    "popular", "sophisticated", "critical", "crucial", "vital", "important", "significant", "significantly",
    "lucrative", "prestigious", "rewarding", "exciting", "booming", "hot", "huge", "massive", "excellent", "great",
    "dramatic", "dramatically", "rapid", "rapidly", "fastest", "easy", "easier", "difficult", "stressful", "boring",
    "glamorous", "risky", "elite", "famous", "renowned", "prominent", "generous", "notoriously", "incredibly",
    "extremely", "highly",
})


def verdict_in_passing(text: str, topics: list[str]) -> bool:
    """The question's advantages topic is only its verdict words, and it names another topic."""
    return "advantages" in topics and len(topics) > 1 and not TOPICS["advantages"][0].search(VERDICT.sub(" ", text))


def juggling_tasks(text: str, topics: list[str]) -> bool:
    """The question's daily work is the tasks it asks how to keep on top of ("how do they juggle
    preprocessing, training and evaluation?"): that asks about organising them, not what they are."""
    return "daily work" in topics and bool(JUGGLING.search(text))


def work_time_in_passing(text: str) -> bool:
    """``text`` names daily work only by when something happens ("day to day", "all day") and asks
    something else: another topic, or words of its own ("what tools …"); "what would I be doing all
    day?" asks nothing else, so it is about the day's work."""
    # "compare the day-to-day of …" asks nothing else, nor does chat filler ("… do all week lol")
    rest = without_filler(COMPARE.sub(" ", WORK_TIME.sub(" ", text)))
    if TOPICS["daily work"][0].search(rest) or not WORK_TIME.search(text):
        return False
    return bool(topics_in(rest)) or not only_topic_words(rest)


def understood(word: str) -> bool:
    """A word the question reader knows (a topic, pay, level, comparison or list word): never a typo."""
    patterns = (PAY, COMPARE, LIST, *LEVELS.values(), *(pattern for pattern, _ in TOPICS.values()))
    return any(pattern.fullmatch(word) for pattern in patterns)


# words a topic's phrases open with, known only beside the next ("worst" of "the worst part")
PHRASE_OPENERS = frozenset({"worst", "ugly"})


def spelled_for(word: str) -> bool:
    """A word the speller may correct a typo into though no guide uses it: one the question reader
    knows ("whats teh wrst part of this job?" is the worst part), or a word that only colours a question
    ("actualy" is "actually", not the guides' "actual")."""
    return understood(word) or word in PHRASE_OPENERS or word in HEDGES


# pay asked as a range: every band, from the bottom to the top ("what's the salary range …?", "the pay
# range from the bottom 10% to the top 10%")
PAY_RANGE = re.compile(r"\b(?:pay|salary|salaries|wages?|earnings|income)\s+(?:ranges?|bands?|spread)\b"
                       r"|\brange of (?:pay|salar(?:y|ies)|wages|earnings)\b", re.I)
# a tenth of earners ("the top 10%", "the bottom ten percent"): a point of the whole spread of pay
TENTHS = re.compile(rf"\b(?:{LOW_TENTH}|{HIGH_TENTH})", re.I)
# … unless it asks the range at one stage of a career: "a few years of experience … what salary range is
# realistic at that stage?" is one band
AT_A_STAGE = re.compile(r"\b(?:at|for|in)\s+(?:that|this|my|your|their)\s+(?:stage|point|level)\b|\byears? of experience\b", re.I)


# pay set aside: "what perks do you get besides the salary?" asks about the rest
PAY_ASIDE = re.compile(r"\b(?:besides|other than|apart from|aside from|beyond|on top of|except(?: for)?)\s+"
                       r"(?:(?:the|a|my|your|their|base|basic)\s+){0,2}(?:salar(?:y|ies)|pay|wages?)\b", re.I)


# what comes with the pay: "what perks … besides the salary?", "any extras on top of base pay?"
EXTRAS = re.compile(r"\b(?:perks?|extras?|benefits?|bonus(?:es)?|stock|equity|"
                    r"(?:other|extra|additional)\s+(?:comp\w*|pay|money|stuff|things))\b", re.I)


def beside_pay(text: str) -> bool:
    """Asks what comes on top of pay, pay set aside ("besides base salary, what perks …?"); not "beyond
    the salary, is the job stable?"."""
    return bool(PAY_ASIDE.search(text) and EXTRAS.search(PAY_ASIDE.sub(" ", text)))


def asks_pay(text: str) -> bool:
    return bool(PAY.search(PAY_ASIDE.sub(" ", text)))


def levels_in(text: str) -> list[str]:
    """The career levels a question names, in the guides' band order; a span names those between too
    ("the pay progression from junior to senior": entry, mid and senior)."""
    found = {slug: m for slug, pattern in LEVELS.items() if (m := pattern.search(text))}
    slugs = list(found)
    if len(slugs) > 1:
        first, last = found[slugs[0]], found[slugs[-1]]
        if (re.search(r"\bfrom\s+(?:\w+\s+){0,2}$", text[:first.start()], re.I)
                and re.search(r"\b(?:to|through|thru|until|till|up to)\s+(?:\w+\s+){0,2}$", text[first.end():last.start()], re.I)):
            order = list(LEVELS)
            return order[order.index(slugs[0]):order.index(slugs[-1]) + 1]
    return slugs
