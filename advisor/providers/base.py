"""The provider contract: one streaming method, a name, a model, a warm-up, and a status for /healthz.

Providers never decide what is cited or refused; the chain checks every line they produce.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from advisor.errors import ProviderBusyError
from advisor.types import Hit


@dataclass(frozen=True)
class GenerationRequest:
    question: str  # stand-alone form (a follow-up carries the turn it follows)
    hits: list[Hit]
    focus: str = ""  # the user's own words this turn: what changed in a follow-up
    messages: list[dict[str, str]] = field(default_factory=list)
    max_tokens: int = 320
    outline: str | None = None  # the section id of an outline among the hits, for a broad question


@runtime_checkable
class Provider(Protocol):
    name: str
    model: str
    uses_llm: bool

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        """Yield answer text as it is produced. Raise ProviderError on failure."""
        ...

    def warm_up(self) -> None:
        """Get ready now (load a model, open a connection) so the first question waits for nothing."""
        ...

    def status(self) -> dict[str, object]:
        ...


class BoundedQueue:
    """At most ``slots`` generations at once and ``waiting`` more in line; beyond that, busy.

    A 1.5B model on 2 cores serves one answer at a time; a queue without a bound would let a
    burst of requests wait for minutes. Over the bound the caller gets ProviderBusyError (→ 503).
    """

    def __init__(self, slots: int, waiting: int, retry_after: int = 10) -> None:
        self._run = threading.Semaphore(slots)
        self._admit = threading.Semaphore(slots + waiting)
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self.in_flight = 0

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._admit.acquire(blocking=False):
            raise ProviderBusyError(self.retry_after)
        with self._lock:
            self.in_flight += 1
        try:
            with self._run:
                yield
        finally:
            with self._lock:
                self.in_flight -= 1
            self._admit.release()
