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
