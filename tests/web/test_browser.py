"""The app in Debian's chromium: the chat page, the widget on another site, a refused site, and
guide text full of markup that must stay text."""

from __future__ import annotations

import shutil

import httpx
import pytest
from playwright.sync_api import expect

from advisor.settings import PROJECT_ROOT, Settings
from advisor.web.feedback import FeedbackStore
from tests.web.conftest import StaticSite, publish_screenshot, serve, web_settings

pytestmark = pytest.mark.browser

EXAMPLE_PAGE = PROJECT_ROOT / "examples" / "embed.html"
POISONED_GUIDE = PROJECT_ROOT / "tests" / "web" / "fixtures" / "web-security-engineer.md"
MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
TIMEOUT = 30_000


@pytest.fixture(scope="module")
def server(indexed_settings):
    with serve(web_settings(indexed_settings)) as live:
        yield live


@pytest.fixture(scope="module")
def third_party_site(server, tmp_path_factory):
    """examples/embed.html, pointed at the test server, served on 127.0.0.1 and on 127.0.0.2."""
    root = tmp_path_factory.mktemp("site")
    page = EXAMPLE_PAGE.read_text().replace("http://127.0.0.1:7860", server.url)
    assert server.url in page
    (root / "index.html").write_text(page)
    with StaticSite(root, "127.0.0.1") as allowed, StaticSite(root, "127.0.0.2") as refused:
        yield allowed, refused


def ask_in_chat(page, question: str) -> None:
    box = page.locator("#adv-question textarea")
    box.fill(question)
    box.press("Enter")


def open_widget(page, url: str):
    page.goto(url)
    bubble = page.locator("#career-advisor-widget button.bubble")
    bubble.click()
    assert bubble.get_attribute("aria-expanded") == "true"
    return page.frame_locator("#career-advisor-widget iframe")


def ask_in_embed(frame, question: str) -> None:
    frame.locator("#question").fill(question)
    frame.locator("#question").press("Enter")


# (1) the chat page
def test_chat_page_answers_with_sources(server, page, artifacts, indexed_settings):
    p = page.page
    p.goto(server.url + "/")
    p.get_by_text("Answers by extractive").wait_for(timeout=TIMEOUT)  # the footer names provider and model
    ask_in_chat(p, "What do mid-level engineers make?")
    answer = p.locator(".adv-answer.adv-cited").last
    answer.locator(".adv-source").first.wait_for(timeout=TIMEOUT)
    assert "$100,000 to $150,000" in answer.locator(".adv-text").inner_text()
    source = answer.locator(".adv-source").first
    assert "Salary Ranges › Mid-Level" in source.inner_text()
    assert "Neural Network Engineer" in source.locator(".adv-doc").inner_text()
    assert "$100,000" in source.locator(".adv-quote").inner_text()
    answer.locator("a.adv-marker").first.click()  # a marker shows its source
    p.wait_for_function("document.querySelector('.adv-source').classList.contains('adv-flash')")
    source.locator("summary").click()  # expandable to the whole section
    assert source.locator(".adv-section-text").is_visible()
    p.screenshot(path=str(artifacts / "chat.png"))
    publish_screenshot(artifacts / "chat.png", "screenshot-chat.png")

    # thumbs down with a comment lands in SQLite
    p.locator("#adv-chat button[aria-label='Dislike']").last.click()
    comment = p.get_by_label("Comment on your feedback (optional)")
    comment.fill("needs the senior band too")
    comment.press("Enter")
    p.get_by_text("your comment was saved").wait_for(timeout=TIMEOUT)
    row = FeedbackStore(indexed_settings.feedback_db).rows()[-1]
    assert (row["rating"], row["channel"], row["comment"]) == ("down", "ui", "needs the senior band too")

    # a new chat forgets the conversation; a refusal looks different from a cited answer
    p.get_by_role("button", name="New chat").click()
    p.locator(".adv-answer").first.wait_for(state="detached", timeout=TIMEOUT)
    ask_in_chat(p, "What is the best pizza in Naples?")
    refused = p.locator(".adv-answer.adv-refused")
    refused.wait_for(timeout=TIMEOUT)
    assert "Not in my guides" in refused.text_content() and refused.locator(".adv-source").count() == 0
    p.screenshot(path=str(artifacts / "chat-refused.png"))


def test_example_question_with_a_profile(server, page):
    p = page.page
    p.goto(server.url + "/")
    p.get_by_text("Your profile (optional)").click()
    p.get_by_role("textbox", name="Years of experience").fill("4")
    p.get_by_role("textbox", name="Skills").fill("Python, PyTorch")
    p.get_by_text("What do mid-level neural network engineers earn?").click()  # an example starts the chat
    answer = p.locator(".adv-answer.adv-cited").last
    answer.locator(".adv-source").first.wait_for(timeout=TIMEOUT)
    text = answer.locator(".adv-text").inner_text()
    assert "For your profile:" in text and "4 years of experience" in text


def test_salary_answer_charts_official_percentiles(server, page, artifacts):
    """A pay question with a location: the official percentiles drawn for the user's area and the
    nation, with the guide band they are set against, and each OEWS table listed as a source."""
    p = page.page
    p.goto(server.url + "/")
    p.get_by_text("Your profile (optional)").click()
    p.get_by_role("textbox", name="Location").fill("Seattle, WA")
    ask_in_chat(p, "How does the guide's mid-level band compare with official data?")
    answer = p.locator(".adv-answer.adv-cited").last
    answer.locator(".adv-source").first.wait_for(timeout=TIMEOUT)
    assert "years of experience" not in answer.locator(".adv-text").inner_text()  # none given, none assumed
    chart = answer.locator(".adv-wage-chart")
    expect(chart).to_be_visible()
    labels = chart.locator(".adv-chart-label").all_inner_texts()
    assert [label.split(" · ")[:2] for label in labels] == [
        ["Computer and Information Research Scientists", "Seattle-Tacoma-Bellevue, WA"],
        ["Computer and Information Research Scientists", "U.S."],
        ["Data Scientists", "Seattle-Tacoma-Bellevue, WA"], ["Data Scientists", "U.S."],
        ["Guide: mid-level band", "$100,000 to $150,000"]]
    assert "median $164,740" in labels[2] and "median $120,230" in labels[3]
    # the bars are drawn where the figures put them: Seattle's median right of the nation's
    medians = [m.bounding_box() for m in chart.locator(".adv-median").all()]
    boxes = [b.bounding_box() for b in chart.locator(".adv-box").all()]
    assert len(medians) == 4 and len(boxes) == 4 and all(b["width"] > 5 for b in boxes)
    assert medians[2]["x"] > medians[3]["x"] and medians[0]["x"] > medians[1]["x"]
    guide = chart.locator(".adv-range.adv-guide").bounding_box()
    assert guide["width"] > 5
    official = answer.locator(".adv-source", has_text="BLS OEWS May 2025")
    assert official.count() == 4 and official.first.locator("a.adv-official").get_attribute("href").startswith(
        "https://www.bls.gov/")
    assert "From the guides and official wage data" in answer.locator(".adv-badge").text_content()
    chart.scroll_into_view_if_needed()
    p.screenshot(path=str(artifacts / "chat-wages.png"))
    publish_screenshot(artifacts / "chat-wages.png", "screenshot-wages.png")


# (2) the widget on another site
def test_widget_on_an_allowed_site(third_party_site, page, artifacts):
    allowed, _ = third_party_site
    p = page.page
    frame = open_widget(p, allowed.url("index.html", host="localhost"))
    frame.locator(".msg.greeting").wait_for(timeout=TIMEOUT)
    ask_in_embed(frame, "What do mid-level engineers make?")
    answer = frame.locator(".msg.cited").last
    answer.locator(".source").first.wait_for(timeout=TIMEOUT)
    assert "$100,000 to $150,000" in answer.locator(".text").inner_text()
    source = answer.locator(".source").first
    assert source.is_visible() and "Salary Ranges › Mid-Level" in source.inner_text()
    answer.locator("button.marker").first.click()
    assert "flash" in (source.get_attribute("class") or "")
    source.locator("summary").click()
    expect(source.locator(".section-text")).to_contain_text("$100,000", timeout=TIMEOUT)
    p.screenshot(path=str(artifacts / "widget.png"))
    publish_screenshot(artifacts / "widget.png", "screenshot-widget.png")



def test_widget_charts_official_wages(third_party_site, page, artifacts):
    """A pay answer in the widget: the area's and the nation's official percentiles drawn on one
    scale under the answer text, above its BLS OEWS sources; an answer about the work has none."""
    allowed, _ = third_party_site
    p = page.page
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    frame = open_widget(p, allowed.url("index.html", host="localhost"))
    frame.locator(".msg.greeting").wait_for(timeout=TIMEOUT)
    ask_in_embed(frame, "What do data scientists earn in Seattle?")
    answer = frame.locator(".msg.cited").last
    answer.locator(".source").first.wait_for(timeout=TIMEOUT)
    chart = answer.locator(".wage-chart")
    expect(chart).to_be_visible()
    labels = chart.locator(".chart-label").all_inner_texts()
    assert [label.split(" · ")[:2] for label in labels] == [
        ["Data Scientists", "Seattle-Tacoma-Bellevue, WA"], ["Data Scientists", "U.S."]]
    assert "median $164,740" in labels[0] and "median $120,230" in labels[1]
    medians = [m.bounding_box() for m in chart.locator(".chart-median").all()]
    boxes = [b.bounding_box() for b in chart.locator(".chart-box").all()]
    assert len(medians) == 2 and len(boxes) == 2 and all(b["width"] > 5 for b in boxes)
    assert medians[0]["x"] > medians[1]["x"]  # Seattle's median right of the nation's
    axis = chart.locator(".chart-axis span").all_inner_texts()
    assert len(axis) == 2 and all(a.startswith("$") for a in axis)
    assert "10th–90th percentile" in chart.locator(".chart-legend").inner_text()
    # under the answer text, above the sources
    text_box, chart_box = answer.locator(".text").bounding_box(), chart.bounding_box()
    sources_box = answer.locator(".sources-title").bounding_box()
    assert text_box["y"] + text_box["height"] <= chart_box["y"]
    assert chart_box["y"] + chart_box["height"] <= sources_box["y"]
    sources = answer.locator(".source")
    assert sources.count() == 2
    for source in sources.all():
        assert "BLS OEWS May 2025" in source.locator(".doc").inner_text()
        assert source.locator("a.official").get_attribute("href").startswith("https://www.bls.gov/")
    assert "From official wage data · 2 sources" in answer.locator(".badge").text_content()
    chart.scroll_into_view_if_needed()
    p.screenshot(path=str(artifacts / "widget-wages.png"))

    ask_in_embed(frame, "What does a neural network engineer do day to day?")
    expect(frame.locator(".msg.cited")).to_have_count(2, timeout=TIMEOUT)
    answer = frame.locator(".msg.cited").last
    answer.locator(".source").first.wait_for(timeout=TIMEOUT)
    assert not any("BLS OEWS" in text for text in answer.locator(".source").all_inner_texts())
    assert answer.locator(".wage-chart").count() == 0 and frame.locator(".wage-chart").count() == 1
    assert answer.locator(".badge").text_content().startswith("From the guides")  # (and O*NET's one line)
    assert not errors, errors


def test_page_and_widget_draw_the_same_chart_from_the_same_rows(server, third_party_site, page):
    """Both surfaces draw the server's chart rows (answer.view.chart): the same labels, figures and
    bar positions, as the JSON API sends them."""
    question = "What do data scientists earn in Seattle?"
    rows = httpx.post(server.url + "/api/chat", json={"message": question}, timeout=60).json()["view"]["chart"]["rows"]
    expected = [(f"{r['label']} · {r['figures']}", r["median"], r["box"]["left"]) for r in rows]

    def drawn(chart, row: str, label: str, median: str, box: str) -> list[tuple[str, float, float]]:
        def left(node) -> float:
            return float(node.get_attribute("style").split("left:")[1].split("%")[0])

        return [(r.locator(label).inner_text(), left(r.locator(median)), left(r.locator(box)))
                for r in chart.locator(row).all()]

    p = page.page
    p.goto(server.url + "/")
    ask_in_chat(p, question)
    answer = p.locator(".adv-answer.adv-cited").last
    answer.locator(".adv-source").first.wait_for(timeout=TIMEOUT)
    on_page = drawn(answer.locator(".adv-wage-chart"), ".adv-chart-row", ".adv-chart-label", ".adv-median", ".adv-box")

    frame = open_widget(p, third_party_site[0].url("index.html", host="localhost"))
    ask_in_embed(frame, question)
    answer = frame.locator(".msg.cited").last
    answer.locator(".source").first.wait_for(timeout=TIMEOUT)
    in_widget = drawn(answer.locator(".wage-chart"), ".chart-row", ".chart-label", ".chart-median", ".chart-box")
    assert len(expected) == 2 and on_page == in_widget == expected


# (3) a site that is not allowed
def test_a_site_that_is_not_allowed_cannot_embed_or_call(third_party_site, server, page):
    _, refused = third_party_site
    p = page.page
    frame = open_widget(p, refused.url("index.html"))
    for _ in range(50):  # chromium logs the refusal when the frame's response arrives
        if any("frame-ancestors" in line for line in page.console):
            break
        p.wait_for_timeout(200)
    assert any("frame-ancestors" in line and "blocked" in line for line in page.console), page.console
    assert frame.locator("#question").count() == 0

    outcome = p.evaluate("""async (base) => {
        const tries = {};
        for (const [name, init] of [["chat", {method: "POST", headers: {"Content-Type": "application/json"},
                                              body: JSON.stringify({message: "What do mid-level engineers make?"})}],
                                    ["simple", {method: "POST", body: "{\\"message\\": \\"salary\\"}"}],
                                    ["health", {}]]) {
            const url = base + (name === "health" ? "/healthz" : "/api/chat");
            try { const r = await fetch(url, init); tries[name] = "status " + r.status; }
            catch (e) { tries[name] = "blocked: " + e.message; }
        }
        return tries;
    }""", server.url)
    assert all(v.startswith("blocked") for v in outcome.values()), outcome


# (4) markup in a guide stays text
@pytest.fixture(scope="module")
def poisoned_server(tmp_path_factory):
    from ingest.indexer import ingest

    root = tmp_path_factory.mktemp("poisoned")
    (root / "knowledge").mkdir()
    shutil.copy(POISONED_GUIDE, root / "knowledge")
    settings = Settings(data_dir=root / "data", knowledge_dir=root / "knowledge", provider="extractive")
    assert ingest(settings).ok
    with serve(settings) as live:
        yield live


QUESTION = "What markup do attackers hide in form fields?"


SURFACES = {  # where an answer shows up, and how its parts are marked
    "chat": {"path": "/", "ask": ask_in_chat, "answer": ".adv-answer.adv-cited", "source": ".adv-source",
             "parts": (".adv-text", ".adv-quote", ".adv-section-text")},
    "embed": {"path": "/embed", "ask": ask_in_embed, "answer": ".msg.cited", "source": ".source",
              "parts": (".text", ".quote", ".section-text")},
}


@pytest.mark.parametrize("surface", SURFACES)
def test_markup_in_a_guide_is_shown_as_text(poisoned_server, page, artifacts, surface):
    where = SURFACES[surface]
    p = page.page
    p.goto(poisoned_server.url + where["path"])
    where["ask"](p, QUESTION)
    answer = p.locator(where["answer"]).last
    answer.locator(where["source"]).first.wait_for(timeout=TIMEOUT)
    answer.locator("summary").first.click()  # the whole section, too
    expect(answer.locator(where["parts"][-1])).to_contain_text("Pages must show", timeout=TIMEOUT)
    for part in where["parts"]:
        assert MARKUP in answer.locator(part).inner_text(), part
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert p.locator("img[src='x']").count() == 0
    assert p.evaluate("[...document.scripts].filter(s => s.textContent.includes('__pwned')).length") == 0
    p.screenshot(path=str(artifacts / f"markup-as-text-{surface}.png"))
