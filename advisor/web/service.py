"""The one ``Advisor`` the web app shares: built on first use, warmed up in the background.

Routes and the chat UI go through ``AdvisorService`` for answers, sections and health, so the
store is opened and the model loaded once per process, and never at import time.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator

from advisor import __version__
from advisor.answer_cache import AnswerCache
from advisor.chain import Advisor
from advisor.errors import AdvisorError, WageDataError
from advisor.settings import Settings
from advisor.types import Profile, StreamEvent, Turn
from advisor.web.examples import example_questions

log = logging.getLogger(__name__)

# "<doc>#<heading slug>/<heading slug>", slugs as ingest.sections.slugify makes them
SECTION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*#[a-z0-9-]+(?:/[a-z0-9-]+)*$")


class AdvisorService:
    def __init__(self, settings: Settings, advisor: Advisor | None = None) -> None:
        self.settings = settings
        self._advisor = advisor
        self._lock = threading.Lock()
        self.warming_up = False
        self.warm_up_error: str | None = None
        self.cache = AnswerCache(settings.answer_cache) if settings.answer_cache else None
        self._settings_json = settings.model_dump_json()  # part of every cache key; settings never change

    @property
    def advisor(self) -> Advisor:
        with self._lock:
            if self._advisor is None:
                self._advisor = Advisor(self.settings)
            return self._advisor

    def stream(self, question: str, history: list[Turn], profile: Profile | None) -> Iterator[StreamEvent]:
        """The answer's events: replayed from the answer cache when this question was answered in
        this situation before, else made (and stored once whole)."""
        advisor = self.advisor
        if self.cache is None:
            return advisor.stream(question, history, profile)
        key = self.cache.key(question, history, profile, advisor.retriever.version, advisor.provider.name,
                             advisor.provider.model, self._settings_json)
        return self.cache.stream(key) or self.cache.recording(key, advisor.stream(question, history, profile))

    def section(self, section_id: str) -> dict | None:
        """A section's text and metadata; None for an unknown or malformed id."""
        if not SECTION_ID.match(section_id):
            return None
        return self.advisor.retriever.section(section_id)

    def warm_up(self) -> None:
        """Open the index, load the embedding and answer models and unpack the official wage data
        (run in a background thread), so that the first question waits for none of them."""
        self.warming_up = True
        try:
            advisor = self.advisor
            advisor.retriever.search("warm up", k=1)
            advisor.provider.warm_up()
            try:
                advisor.open_wages()
            except WageDataError as err:  # pay answers then come from the guides alone
                log.warning("official wage data unavailable: %s", err)
            self._warm_cache()
            log.info("warm-up done: %d sections, provider %s", advisor.retriever.size, advisor.provider.name)
        except AdvisorError as err:
            self.warm_up_error = str(err)
            log.warning("warm-up failed: %s", err)
        finally:
            self.warming_up = False

    def _warm_cache(self) -> None:
        """Answer the chat page's example questions now, so a click on one is answered at once."""
        if self.cache is None:
            return
        for question in example_questions(self.settings.knowledge_dir):
            try:
                for _ in self.stream(question, [], None):
                    pass
            except AdvisorError as err:  # a busy model: that example is answered on demand
                log.warning("could not warm the answer cache with %r: %s", question, err)

    def start_warm_up(self) -> threading.Thread:
        thread = threading.Thread(target=self.warm_up, name="advisor-warm-up", daemon=True)
        thread.start()
        return thread

    def provider_label(self) -> tuple[str, str]:
        provider = self.advisor.provider
        return provider.name, provider.model

    def health(self) -> tuple[int, dict]:
        """(status code, body) for ``/healthz``: 200 when the index answers, 503 when it cannot."""
        body: dict = {"status": "ok", "version": __version__}
        try:
            advisor = self.advisor
            body["index"] = {"sections": advisor.retriever.size, "collection": self.settings.collection}
            body["model"] = {**advisor.provider.status(), "warming_up": self.warming_up,
                             "warm_up_error": self.warm_up_error}
            return 200, body
        except AdvisorError as err:
            body.update(status="unavailable", error=str(err))
            return 503, body
