"""The answer prompt: a fixed prefix the prompt cache can reuse (the rules, the refusal sentence),
then what changes, then a one-line reminder of the answer's shape and the refusal sentence."""

import pytest

from advisor.prompts import MODEL_REFUSAL, AnswerShape, answer_messages, without_refusal
from advisor.types import Hit, Turn


def hit(n: int, text: str) -> Hit:
    return Hit(section_id=f"guide#s{n}", doc_id="guide", role="Some Role", title="Some Role", heading=f"Part {n}",
               source="guide.md", text=text, score=1.0)


def flat(messages: list[dict[str, str]]) -> str:
    return "\n".join(f"{m['role']}: {m['content']}" for m in messages)


def test_everything_before_the_sources_is_the_same_for_every_question():
    """llama.cpp skips the longest prefix it has seen: the rules must come before anything that varies."""
    one = flat(answer_messages("What do they earn?", [hit(1, "Pay is $1.")], []))
    two = flat(answer_messages("List every skill", [hit(2, "Skills: a, b."), hit(3, "More.")],
                               [Turn(role="user", content="hi")], AnswerShape(wants_list=True)))
    shared = next(i for i, (a, b) in enumerate(zip(one, two)) if a != b)
    assert one[:shared].rstrip().endswith("<source id=\"1\" section=\"Part")
    assert "Copy figures, names and lists exactly" in one[:shared] and MODEL_REFUSAL in one[:shared]


def test_the_answer_shape_is_the_last_line():
    user = answer_messages("List every skill", [hit(1, "Skills: a, b.")], [], AnswerShape(wants_list=True))[1]["content"]
    last = user.strip().splitlines()[-1]
    assert last.startswith(AnswerShape(wants_list=True).length_rule) and last.endswith(MODEL_REFUSAL)
    assert user.index("<question>") < user.rindex(AnswerShape(wants_list=True).length_rule)


def test_a_yes_no_question_asks_for_the_facts_behind_the_yes_or_no():
    # a 1.5B model given "1 to 4 bullets" for "Do I need a PhD?" declined or echoed the question;
    # asked for the facts behind its yes or no it answers from the sources
    rule = AnswerShape(yes_no=True).length_rule
    assert rule != AnswerShape().length_rule and "facts from the sources" in rule
    assert AnswerShape(yes_no=True, wants_list=True).length_rule == AnswerShape(wants_list=True).length_rule
    last = answer_messages("Do I need a PhD?", [hit(1, "A Ph.D. is often preferred.")], [],
                           AnswerShape(yes_no=True))[1]["content"].strip().splitlines()[-1]
    assert last.startswith(rule)


@pytest.mark.parametrize("line, expected", [
    ("Yes", ("", True)), ("No. [1]", ("", True)), ("- Yes!", ("", True)),  # nothing said yet
    ("Yes, analysts are often on call [1]", ("Yes, analysts are often on call [1]", False)),
    ("Nope", ("", True)), ("Not required", ("Not required", False)),
])
def test_a_bare_yes_or_no_is_no_answer(line, expected):
    assert without_refusal(line) == expected
