"""The answer cache: the same question in the same situation gets the stored answer at once.

"The same" is the normalised question, the conversation before it, the profile, the index's
version (``Retriever.version``: any ingest that changes a section changes it), the provider and
model, and every setting. The cache is a bounded LRU in memory, safe under concurrent requests;
``ADVISOR_ANSWER_CACHE`` sets its size (0 turns it off). Only whole answers are stored: one cut
short (the client left) or made without a part that failed (``Answer.degraded``) is not.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator

from advisor.types import Answer, Profile, StreamEvent, Timings, Turn


def normalised(question: str) -> str:
    """What makes two questions the same: case, spacing and closing punctuation do not."""
    return re.sub(r"[\s?!.]+$", "", " ".join(question.lower().split()))


class AnswerCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[str, list[StreamEvent]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @staticmethod
    def key(question: str, history: list[Turn], profile: Profile | None, *situation: str) -> str:
        """The cache key: the question as asked, in its situation (index version, provider, model, settings)."""
        parts = [normalised(question), [t.model_dump() for t in history],
                 profile.model_dump() if profile else None, list(situation)]
        return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()

    def stream(self, key: str, make: Iterator[StreamEvent] | None = None) -> Iterator[StreamEvent] | None:
        """The stored answer's events replayed (``cached: true``), or None on a miss."""
        with self._lock:
            events = self._entries.get(key)
            if events is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
        return None if events is None else replay(events)

    def recording(self, key: str, events: Iterator[StreamEvent]) -> Iterator[StreamEvent]:
        """``events`` passed on as they come, and stored once the whole answer has gone by."""
        seen = []
        for event in events:
            seen.append(event)
            yield event
        done = seen[-1].data if seen else None
        if isinstance(done, Answer) and not done.degraded:
            with self._lock:
                self._entries[key] = seen
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


def replay(events: list[StreamEvent]) -> Iterator[StreamEvent]:
    started = time.perf_counter()
    for event in events:
        if isinstance(event.data, Answer):
            took = round((time.perf_counter() - started) * 1000, 1)
            timings = Timings(retrieve_ms=0.0, first_token_ms=took, total_ms=took)
            event = StreamEvent(type="done", data=event.data.model_copy(update={"cached": True, "timings": timings}))
        yield event
