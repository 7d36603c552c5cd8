"""Test doubles: a scripted provider that plays back fixed model output and records what it was
asked, and a way to run a coroutine away from the test thread's event loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from advisor.errors import ProviderError
from advisor.providers.base import BoundedQueue, GenerationRequest
from advisor.providers.registry import register


class ScriptedProvider:
    name = "scripted"
    model = "scripted-test-model"
    uses_llm = True

    def __init__(self, output: str | Callable[[GenerationRequest], str] | Exception = "",
                 gate: threading.Event | None = None, queue: BoundedQueue | None = None) -> None:
        self.output = output
        self.gate = gate
        self.queue = queue or BoundedQueue(slots=1, waiting=8)
        self.requests: list[GenerationRequest] = []

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        with self.queue.slot():
            self.requests.append(request)
            if self.gate is not None:
                self.gate.wait(timeout=30)
            if isinstance(self.output, Exception):
                raise self.output
            text = self.output(request) if callable(self.output) else self.output
            for i in range(0, len(text), 7):  # stream in small pieces, across line breaks
                yield text[i : i + 7]

    def warm_up(self) -> None:
        """Nothing to load."""

    def status(self) -> dict[str, object]:
        return {"provider": self.name, "model": self.model, "in_flight": self.queue.in_flight}


# registered like any provider: ADVISOR_PROVIDER=scripted (or --provider scripted) plays this script
SCRIPT = "- The guides answer this [1]."
register("scripted", lambda settings: ScriptedProvider(SCRIPT))


def failing(message: str = "connection refused") -> ScriptedProvider:
    return ScriptedProvider(ProviderError(message))


def run_apart(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run ``coro`` to its end on a thread of its own: the browser tests' Playwright may keep an
    event loop running on the test thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
