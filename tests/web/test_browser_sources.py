"""Sources first, in Debian's chromium: the chat page and the widget show what is being read the
moment the server finds it, before the model's first word, then the answer above them with its
first line in view. The model here is scripted and held back until the test lets it speak."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from advisor.chain import Advisor
from advisor.providers.extractive import ExtractiveProvider
from tests.fakes import ScriptedProvider
from tests.web.conftest import LiveServer, StaticSite, serve, web_settings
from tests.web.test_browser import EXAMPLE_PAGE, TIMEOUT, ask_in_chat, ask_in_embed, open_widget

pytestmark = pytest.mark.browser

QUESTION = "What are the main challenges neural network engineers face?"


class Held:
    """A scripted model that says what the extractive provider would, once ``speak`` is set."""

    def __init__(self) -> None:
        self.speak = threading.Event()
        self.provider = ScriptedProvider(lambda request: "".join(ExtractiveProvider().stream(request)), gate=self.speak)


@pytest.fixture(scope="module")
def held(indexed_settings) -> Iterator[tuple[LiveServer, Held]]:
    model = Held()
    settings = web_settings(indexed_settings, answer_cache=0)  # both surfaces ask the same question
    with serve(settings, Advisor(settings, provider=model.provider)) as live:
        yield live, model


def test_the_chat_page_shows_the_sources_before_the_first_word(held, page):
    live, model = held
    model.speak.clear()
    p = page.page
    p.goto(live.url + "/")
    ask_in_chat(p, QUESTION)
    pending = p.locator(".adv-answer.adv-pending").last
    expect(pending.locator(".adv-chip").first).to_be_visible(timeout=TIMEOUT)
    assert pending.locator(".adv-text").inner_text().strip() == ""  # the model has not spoken
    assert "Reading" in pending.locator(".adv-reading .adv-sources-title").inner_text()
    assert pending.locator(".adv-reading > .adv-chip").count() <= 3  # a long list is collapsed
    model.speak.set()
    answer = p.locator(".adv-answer.adv-cited").last
    answer.locator(".adv-source").first.wait_for(timeout=TIMEOUT)
    first_line = answer.locator(".adv-text li, .adv-text p").first  # a line, not the whole list it opens
    chat = p.locator("#adv-chat").bounding_box()
    line = first_line.bounding_box()
    assert chat["y"] <= line["y"] and line["y"] + line["height"] <= chat["y"] + chat["height"]


def test_the_widget_shows_the_sources_before_the_first_word(held, page, tmp_path):
    live, model = held
    model.speak.clear()
    (tmp_path / "index.html").write_text(EXAMPLE_PAGE.read_text().replace("http://127.0.0.1:7860", live.url))
    with StaticSite(tmp_path, "127.0.0.1") as site:
        frame = open_widget(page.page, site.url("index.html", host="localhost"))
        frame.locator(".msg.greeting").wait_for(timeout=TIMEOUT)
        ask_in_embed(frame, QUESTION)
        pending = frame.locator(".msg.pending").last
        expect(pending.locator(".chip").first).to_be_visible(timeout=TIMEOUT)
        assert pending.locator(".text").inner_text().strip() == ""
        assert pending.locator(".reading > .chips > .chip").count() <= 3  # the rest behind "N more"
        model.speak.set()
        answer = frame.locator(".msg.cited").last
        answer.locator(".source").first.wait_for(timeout=TIMEOUT)
        assert answer.locator(".chip").count() == 0  # what was read gives way to what is cited
        log, text = frame.locator("#log").bounding_box(), answer.locator(".text").bounding_box()
        assert log["y"] <= text["y"] < log["y"] + log["height"]  # the answer's first line is in view
