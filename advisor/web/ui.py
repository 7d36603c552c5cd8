"""The chat page: Gradio Blocks over the shared ``AdvisorService``.

Answers stream into the chatbot as escaped text; when an answer is done it is redrawn with its
markers linked to the sources listed under it (heading path, document, quote, and the whole
section behind a toggle). A refused answer gets its own look. Thumbs go to SQLite with an
optional comment; the profile panel feeds the advisor's profile advice.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

import gradio as gr
from pydantic import ValidationError

from advisor.errors import AdvisorError, FeedbackUnavailableError
from advisor.types import MAX_TURNS, Profile, Turn
from advisor.web.clients import address_key
from advisor.web.examples import example_questions
from advisor.web.feedback import Feedback, FeedbackStore
from advisor.web.inflight import InFlightLimiter
from advisor.web.ratelimit import RateLimiter
from advisor.web.render import answer_html, error_html, pending_html, text_html
from advisor.web.service import AdvisorService

log = logging.getLogger(__name__)

CSS = """
#adv-footer { font-size: 13px; color: var(--body-text-color-subdued); text-align: center; }
.adv-answer { line-height: 1.5; }
.adv-answer p { margin: 0 0 .4em; }
.adv-answer ul { margin: 0 0 .4em; padding-left: 1.2em; }
.adv-badge { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; margin-bottom: .3em; }
.adv-cited .adv-badge { color: #1d7a46; }
.adv-pending .adv-badge { color: var(--body-text-color-subdued); }
.adv-refused { border-left: 4px solid #f0b44c; background: #fff7e6; padding: .5em .75em; border-radius: 6px; color: #3d2e00; }
.adv-refused .adv-badge { color: #9a5b00; }
.adv-error { border-left: 4px solid #d64545; background: #fdecec; padding: .5em .75em; border-radius: 6px; color: #4a1010; }
.adv-marker { font-size: .8em; font-weight: 700; vertical-align: super; text-decoration: none; cursor: pointer; padding: 0 1px; }
.adv-notice { font-size: .85em; font-style: italic; opacity: .8; margin: .3em 0; }
.adv-sources { margin-top: .6em; display: flex; flex-direction: column; gap: .4em; }
.adv-sources-title { font-size: .8em; font-weight: 700; opacity: .75; }
.adv-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .4em .6em; font-size: .9em; }
.adv-source.adv-flash { animation: adv-flash 1.4s ease-out; }
@keyframes adv-flash { from { background: #fff3b0; } to { background: transparent; } }
.adv-n { font-weight: 700; }
.adv-heading { font-weight: 600; }
.adv-doc { opacity: .75; }
.adv-quote { margin: .3em 0; padding-left: .6em; border-left: 3px solid var(--color-accent); font-style: italic; }
.adv-full summary { cursor: pointer; }
.adv-section-text { max-height: 260px; overflow-y: auto; margin-top: .3em; }
.adv-wage-chart { margin: .6em 0; padding: .5em .7em; border: 1px solid var(--border-color-primary); border-radius: 8px; font-size: .85em; }
.adv-chart-title { font-weight: 700; margin-bottom: .3em; }
.adv-chart-row { margin: .35em 0; }
.adv-chart-figure { opacity: .75; }
.adv-track { position: relative; height: 14px; background: var(--background-fill-secondary); border-radius: 7px; }
.adv-range { position: absolute; top: 6px; height: 2px; background: #5b7fb8; }
.adv-range.adv-guide { top: 3px; height: 8px; border-radius: 4px; background: #f0b44c; }
.adv-box { position: absolute; top: 2px; height: 10px; border-radius: 3px; background: #2f5ea8; }
.adv-median { position: absolute; top: 0; width: 3px; height: 14px; margin-left: -1px; background: #111; }
.adv-chart-axis { display: flex; justify-content: space-between; opacity: .7; font-size: .9em; padding: 0 3%; }
.adv-chart-legend { opacity: .7; font-size: .9em; }
.adv-official { font-size: .9em; }
.adv-reading { margin-top: .5em; display: flex; flex-direction: column; gap: .3em; }
.adv-chip { border: 1px dashed var(--border-color-primary); border-radius: 8px; padding: .25em .5em; font-size: .85em; }
.adv-chip-quote { opacity: .8; }
.adv-more summary { cursor: pointer; font-size: .85em; opacity: .8; }
.adv-more > * + * { margin-top: .4em; }
"""

# markers jump to their source (and flash it, opening "more sources" if it is there) instead of following the link
HEAD = """
<script>
document.addEventListener("click", function (event) {
  var marker = event.target.closest ? event.target.closest("a.adv-marker") : null;
  if (!marker) return;
  event.preventDefault();
  event.stopPropagation();
  var id = (marker.getAttribute("href") || "").slice(1);
  var source = id && document.getElementById(id);
  if (!source) return;
  var more = source.closest("details.adv-more");
  if (more) more.open = true;  /* a source behind the "more sources" toggle */
  source.scrollIntoView({behavior: "smooth", block: "nearest"});
  source.classList.remove("adv-flash");
  void source.offsetWidth;
  source.classList.add("adv-flash");
}, true);
/* An answer follows the chat's bottom while it fits, and stays at its first line once it is taller. */
(function follow() {
  if (!document.body) { window.addEventListener("DOMContentLoaded", follow); return; }
  var seen = "";
  function scroller(node) {
    for (var n = node.parentElement; n; n = n.parentElement) {
      var overflow = getComputedStyle(n).overflowY;
      if ((overflow === "auto" || overflow === "scroll") && n.scrollHeight > n.clientHeight) return n;
    }
    return null;
  }
  new MutationObserver(function () {
    var answers = document.querySelectorAll("#adv-chat .adv-answer");
    var last = answers[answers.length - 1];
    if (!last || last.innerHTML === seen) return;
    seen = last.innerHTML;
    var box = scroller(last);
    if (!box) return;
    var top = last.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - 8;
    box.scrollTop = last.offsetHeight > box.clientHeight ? top : box.scrollHeight;
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
})();
</script>
"""


def build_profile(skills: str, years: str | float | None, education: str, location: str) -> Profile | None:
    """The form's profile, or None when it is blank; "" years is no years (Profile checks the rest)."""
    years = (years.strip() or None) if isinstance(years, str) else years
    fields = {"skills": [s.strip() for s in (skills or "").split(",") if s.strip()],
              "years_experience": years, "education": (education or "").strip() or None,
              "location": (location or "").strip() or None}
    if not fields["skills"] and all(fields[k] is None for k in ("years_experience", "education", "location")):
        return None
    return Profile.model_validate(fields)


def turn_history(turns: dict) -> list[Turn]:
    records = [turns[k] for k in sorted(turns, key=int)][-MAX_TURNS:]
    return [t for r in records for t in (Turn(role="user", content=r["question"][:8000]),
                                          Turn(role="assistant", content=r["answer"][:2000]))]


def client_of(request: gr.Request | None) -> str:
    """The page's client for the per-client limits: its address (IPv6 by /64)."""
    return address_key(request.client.host) if request and request.client else "ui"


def example_text(data: gr.SelectData) -> str:
    return data.value["text"]


class ChatHandlers:
    """The UI's event handlers, holding the service, feedback store and the per-client limiters."""

    def __init__(self, service: AdvisorService, feedback: FeedbackStore, limiter: RateLimiter,
                 inflight: InFlightLimiter) -> None:
        self.service = service
        self.feedback = feedback
        self.limiter = limiter
        self.inflight = inflight

    def respond(self, message: str, chat: list, turns: dict, skills: str, years: str | None,
                education: str, location: str, request: gr.Request):
        """Yield (chat, question box, turns): the question at once, the answer as it streams, then sources."""
        message = (message or "").strip()
        if not message:
            yield chat, "", turns
            return
        asked = [*chat, {"role": "user", "content": text_html(message)}]
        profile_form = (skills, years, education, location)

        def reply(html: str) -> list:  # a new list each time: Gradio may still hold the last one
            return [*asked, {"role": "assistant", "content": html}]

        yield reply(pending_html("")), "", turns
        client = client_of(request)
        wait = self.limiter.acquire(client)
        if wait is not None:
            yield reply(error_html(f"Too many questions at once; try again in {max(1, round(wait))} s.")), "", turns
            return
        if not self.inflight.enter(client):
            yield reply(error_html(self.inflight.message())), "", turns
            return
        try:
            yield from self._answer(message, asked, reply, turns, profile_form)
        finally:
            self.inflight.leave(client)

    def _answer(self, message: str, asked: list, reply: Callable[[str], list], turns: dict, profile_form: tuple):
        """``respond``'s updates once the limits let the question in: the answer as it streams, then sources."""
        uid = uuid.uuid4().hex[:8]
        try:
            profile = build_profile(*profile_form)
            text, answer, reading = "", None, []
            for event in self.service.stream(message, turn_history(turns), profile):
                if event.type == "sources":  # on screen at once, while the model reads them
                    reading = event.data
                    yield reply(pending_html(text, reading)), "", turns
                elif event.type == "token":
                    text += event.data
                    yield reply(pending_html(text, reading)), "", turns
                elif event.type == "done":
                    answer = event.data
        except ValidationError as err:
            yield reply(error_html(f"Your profile is not valid: {err.errors()[0]['msg']}")), "", turns
            return
        except AdvisorError as err:
            yield reply(error_html(str(err))), "", turns
            return
        sections = {c.section_id: s["text"] for c in answer.citations
                    if (s := self.service.section(c.section_id)) is not None}
        html = answer_html(answer.view, uid=uid, sections=sections)
        turns = {**turns, str(len(asked)): {
            "question": message, "answer": answer.answer, "refused": answer.refused,
            "section_ids": [c.section_id for c in answer.citations],
            "provider": answer.provider, "model": answer.model}}
        yield reply(html), "", turns

    def rate(self, turns: dict, data: gr.LikeData, request: gr.Request):
        """Store a thumb: one per answer per session (the turn records it), within the client's rate limit.
        Returns (feedback row id, comment row, note, turns)."""
        index = data.index if isinstance(data.index, int) else data.index[0]
        record = turns.get(str(index))
        if record is None or data.liked not in (True, False):
            return None, gr.update(visible=False), "", turns
        if record.get("rated"):
            return None, gr.update(visible=False), "You have already rated this answer.", turns
        if (wait := self.limiter.acquire(client_of(request))) is not None:
            return None, gr.update(visible=False), f"Too many ratings at once; try again in {max(1, round(wait))} s.", turns
        item = Feedback(rating="up" if data.liked else "down", question=record["question"],
                        answer=record["answer"] or "(empty)", section_ids=record["section_ids"],
                        refused=record["refused"], provider=record["provider"], model=record["model"], channel="ui")
        try:
            row_id = self.feedback.add(item)
        except FeedbackUnavailableError as err:
            return None, gr.update(visible=False), str(err), turns
        turns = {**turns, str(index): {**record, "rated": True}}
        return row_id, gr.update(visible=True), "Thanks! Add a comment if you like.", turns

    def comment(self, row_id: int | None, text: str):
        if row_id is None:
            return gr.update(visible=False), "", "Rate an answer with a thumb first."
        if not (text or "").strip():
            return gr.update(), text, ""
        try:
            self.feedback.set_comment(row_id, text.strip())
        except FeedbackUnavailableError as err:
            return gr.update(), text, str(err)
        return gr.update(visible=False), "", "Thanks, your comment was saved."

    def footer(self) -> str:
        try:
            name, model = self.service.provider_label()
            sections = self.service.advisor.retriever.size
            return f"Answers by <b>{text_html(name)}</b> · model <b>{text_html(model)}</b> · {sections} guide sections"
        except AdvisorError as err:
            return f"The advisor is not ready: {text_html(str(err))}"


def build_ui(service: AdvisorService, feedback: FeedbackStore, limiter: RateLimiter,
             inflight: InFlightLimiter) -> gr.Blocks:
    handlers = ChatHandlers(service, feedback, limiter, inflight)
    private = {"api_visibility": "private"}
    with gr.Blocks(title="Career Advisor", analytics_enabled=False) as ui:
        gr.Markdown("# Career Advisor\nAnswers about tech careers from the career guides, "
                    "each claim with its source. Questions outside the guides are declined.")
        turns = gr.State({})
        feedback_id = gr.State(None)
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="Chat", show_label=False, elem_id="adv-chat", height=560, sanitize_html=True, render_markdown=True,
                    latex_delimiters=[], allow_tags=False, feedback_options=("Like", "Dislike"),
                    group_consecutive_messages=False, buttons=["copy"], autoscroll=False,  # HEAD scrolls
                    examples=[{"text": q} for q in example_questions(service.settings.knowledge_dir)] or None,
                    placeholder="Ask about a tech career, or pick an example.")
                with gr.Row():
                    question = gr.Textbox(placeholder="Ask about a tech career…", show_label=False, scale=6,
                                          max_length=2000, elem_id="adv-question", autofocus=True)
                    ask = gr.Button("Ask", variant="primary", scale=1, elem_id="adv-ask")
                    new_chat = gr.Button("New chat", scale=1, elem_id="adv-new-chat")
                with gr.Row(visible=False) as comment_row:
                    comment = gr.Textbox(label="Comment on your feedback (optional)", scale=6, max_length=2000)
                    send_comment = gr.Button("Send comment", scale=1)
                note = gr.Markdown("", elem_id="adv-feedback-note")
            with gr.Column(scale=1, min_width=240):
                with gr.Accordion("Your profile (optional)", open=False):
                    skills = gr.Textbox(label="Skills", placeholder="Python, PyTorch, SQL")
                    # text, not gr.Number: a blank Number is sent as 0, and 0 years would pick the entry band
                    years = gr.Textbox(label="Years of experience", placeholder="e.g. 4")
                    education = gr.Textbox(label="Education", placeholder="BSc Computer Science")
                    location = gr.Textbox(label="Location", placeholder="Austin, TX")
                gr.Markdown("The profile tailors salary bands and skill gaps to you; it is not stored.")
        footer = gr.HTML(elem_id="adv-footer")

        inputs = [question, chatbot, turns, skills, years, education, location]
        outputs = [chatbot, question, turns]
        chat_event = {"fn": handlers.respond, "inputs": inputs, "outputs": outputs, "concurrency_limit": None,
                      **private}
        question.submit(**chat_event)
        ask.click(**chat_event)
        chatbot.example_select(example_text, None, question, **private).then(**chat_event)
        chatbot.like(handlers.rate, [turns], [feedback_id, comment_row, note, turns], **private)
        send_comment.click(handlers.comment, [feedback_id, comment], [comment_row, comment, note], **private)
        comment.submit(handlers.comment, [feedback_id, comment], [comment_row, comment, note], **private)
        new_chat.click(lambda: ([], {}, None, gr.update(visible=False), "", ""), None,
                       [chatbot, turns, feedback_id, comment_row, note, question], **private)
        ui.load(handlers.footer, None, footer, **private)
    ui.queue(default_concurrency_limit=None)
    return ui
