"""Follow-ups: which questions continue the conversation, and what retrieval searches for them."""

import pytest

from advisor import followup
from advisor.types import Turn

HISTORY = [Turn(role="user", content="What challenges do neural network engineers face?"),
           Turn(role="assistant", content="Data quality and model interpretability [1].")]


@pytest.mark.parametrize("question, is_follow_up", [
    ("and at senior level?", True),
    ("how do I handle the hardware side?", True),
    ("What about mid-career?", True),
    ("What education do neural network engineers need to get hired?", False),
    ("which frameworks?", True),  # too short to stand alone
    ("What is the salary?", True),
    ("which programming languages should I learn?", False),  # short, but a whole question of its own
    ("Is a PhD required?", False),
    ("Which cities are hotspots for this job?", False),  # "this job" is the guide's role, not the last turn
    ("Tell me a joke about engineers", False),
    ("Which of those pays best?", True),
    ("whats trending for neural network engineers these days?", False),  # "these days" is a time, not a turn
    ("what are they working on these days?", True),  # "they" still points back
    ("ok and later on in my career?", True),  # "ok and …" continues as "and …" does
    # "IT" is information technology, not "it": a question of its own (browser try-out: it took the
    # pay question before it, and its answer opened with the 90th percentile's pay)
    ("can I become a security analyst with an IT help desk background?", False),
    ("is it hard to become a security analyst?", True),
    # dev17 d17n-05: too long for "those" to count, and refused as a question of its own
    ("which other framework might I run into on a team besides those two?", True),
    ("how does that compare with the senior jobs a security analyst can get these days?", True),
    ("which of these two roles would suit someone who enjoys maths more than people?", True),
    ("which other programming languages are used by neural network engineers in industry today?", False),
    # dev21 d21n-21, dev23 d23n-23 (after soft skills): refused, searched for without the question they follow
    ("what kind of writing tho?", True),
    ("what sort of writing would i be doing, specifically?", True),
    ("what degree do I need, though I already code?", False),  # "though" joins a clause, asks no more of a turn
])
def test_follow_up_detection(question, is_follow_up):
    assert followup.is_follow_up(question, HISTORY) is is_follow_up


def test_the_previous_user_question_is_the_one_followed():
    assert followup.previous_question(HISTORY) == HISTORY[0].content
    assert followup.previous_question([Turn(role="assistant", content="Hello")]) is None


def test_a_follow_up_stands_alone_with_the_question_it_follows():
    assert followup.standalone_question("and at senior level?", HISTORY) == f"{HISTORY[0].content} and at senior level?"
    new = "What is a convolutional neural network used for in practice?"
    assert followup.standalone_question(f"  {new}  ", HISTORY) == new


def test_follow_up_queries_weigh_the_new_words_twice():
    queries = followup.retrieval_queries("and at senior level?", HISTORY)
    assert queries[0] == followup.standalone_question("and at senior level?", HISTORY)
    assert queries[1].count("and at senior level?") == 2 and HISTORY[0].content in queries[1]
    new = "What is a convolutional neural network used for in practice?"
    assert followup.retrieval_queries(new, HISTORY) == [new]


LISTED_PATHS = [Turn(role="user", content="What career paths can a neural network engineer take?"),
                Turn(role="assistant", content="Options include Research and Development, Software Development, "
                                               "Data Science, AI in Healthcare, and Natural Language Processing (NLP).")]
BULLETED = [Turn(role="user", content="what are the challenges?"),
            Turn(role="assistant", content="The main ones:\n- Data quality: data must be clean [1]\n"
                                           "- Hardware limitations [2]\n- Bias and fairness [1]")]

PLUS_JOINED = [Turn(role="user", content="What data skills do NN engineers need?"),
               Turn(role="assistant", content="Experience with data preprocessing and feature engineering, plus the "
                                              "ability to clean, transform and normalize data.")]



@pytest.mark.parametrize("question, history, asked", [
    ("tell me more about the last one", LISTED_PATHS, "tell me more about Natural Language Processing (NLP)"),
    ("what about the second one?", LISTED_PATHS, "what about Software Development?"),
    ("number 3 sounds good, how do I get there?", LISTED_PATHS, "Data Science sounds good, how do I get there?"),
    ("explain the 2nd point", BULLETED, "explain Hardware limitations"),
    ("#2 pls", BULLETED, "Hardware limitations pls"),
    ("and the last one?", BULLETED, "and Bias and fairness?"),
    ("the tenth one?", BULLETED, "the tenth one?"),  # no such item: as asked
    ("what does that involve?", BULLETED, "what does that involve?"),
    # dev11 d11n-23: two items joined by "plus", the second with commas of its own
    ("What does the 2nd one mean in practice?", PLUS_JOINED, "What does the ability to clean, transform and normalize "
                                                              "data mean in practice?"),
])
def test_an_item_of_the_last_answer_is_named_by_its_place(question, history, asked):
    """dev10 d10n-21: "tell me more about the last one" after a list of career paths had been refused."""
    assert followup.pointed_at(question, history) == asked


INDUSTRIES = [Turn(role="user", content="what industries hire neural network engineers?"),
              Turn(role="assistant", content="They're hired in technology, healthcare, finance, automotive and e-commerce.")]


@pytest.mark.parametrize("question, history, follows", [
    ("ok what would i actually be building if i went into the finance one", INDUSTRIES, True),
    ("so what would i actually be building if i went into the healthcare one then", INDUSTRIES, True),
    ("ok what would i actually be building if i went into the cooking one", INDUSTRIES, False),  # no item says it
    ("what would i actually be building day to day if i took the same one as you", INDUSTRIES, False),
])
def test_an_item_of_the_last_answer_named_by_a_word_of_its_own_is_followed_up(question, history, follows):
    """dev11 d11n-22: "the finance one" after a list of industries, 14 words long, had stood alone and
    been refused. The answer's list is left as it is: the earlier question says what it is a list of."""
    assert followup.is_follow_up(question, history) is follows
