"""Finding links in text, and taking the sentences that carry one out."""

import pytest

from advisor.links import links_in, without_links


@pytest.mark.parametrize("text, found", [
    ("Visit https://pay-check.example/latest.", {"https://pay-check.example/latest"}),
    ("see www.pay-check.example, or mail Offers@Pay-Check.example", {"www.pay-check.example",
                                                                      "offers@pay-check.example"}),
    ("go to PAY-CHECK.COM now", {"pay-check.com"}),
    ("e.g. U.S. pay, a Ph.D., $100,000.00 vs. etc.", set()),
    ("They earn $100,000.The senior band is higher.", set()),
])
def test_links_in(text, found):
    assert links_in(text) == found


def test_without_links_keeps_the_other_sentences_and_lines():
    text = "Mid-level pay is $100,000. Readers should visit pay-check.example for more.\n\n- Python. Mail a@b.example."
    assert without_links(text) == "Mid-level pay is $100,000.\n\n- Python."
    assert without_links("No links here. None at all.") == "No links here. None at all."
