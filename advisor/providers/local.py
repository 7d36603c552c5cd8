"""The embedded default: the packaged Qwen2.5-Coder-1.5B GGUF served by llama.cpp in-process.

The model file is verified (sha256) once per process, the server starts on first use and is
shared by every request; requests go through the same OpenAI-compatible client as any other
endpoint, behind a queue of one running answer and a few waiting.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from advisor.model_files import verify_model
from advisor.providers.base import BoundedQueue, GenerationRequest
from advisor.providers.openai_compat import OpenAICompatProvider
from advisor.settings import Settings

MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"


@lru_cache(maxsize=4)
def _verified(path: Path, size: int, mtime: float, sha256: str) -> bool:
    verify_model(path, sha256)
    return True


def verify_once(path: Path, sha256: str) -> None:
    """Hashing 1.1 GB takes about a second: do it once per file version per process."""
    if not path.is_file():
        verify_model(path, sha256)  # raises the clear "not found" error
    stat = path.stat()
    _verified(path, stat.st_size, stat.st_mtime, sha256)


class LocalProvider:
    name = "local"
    model = MODEL_NAME
    uses_llm = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.queue = BoundedQueue(slots=1, waiting=settings.llm_queue)
        self._lock = threading.Lock()
        self._client: OpenAICompatProvider | None = None
        self._server = None

    def _ensure_started(self) -> OpenAICompatProvider:
        with self._lock:
            if self._client is None:
                from advisor.providers.llama_server import shared_server

                path = self.settings.resolved_model_path
                verify_once(path, self.settings.model_sha256)
                self._server = shared_server(path, self.settings.llm_threads, self.settings.llm_context)
                self._server.start()
                self._client = OpenAICompatProvider(self._server.base_url, MODEL_NAME, self._server.api_key,
                                                    timeout=self.settings.request_timeout, queue=self.queue)
            return self._client

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        yield from self._ensure_started().stream(request)

    def warm_up(self) -> None:
        """Load the model now (the web app calls this at start so the first user doesn't wait)."""
        self._ensure_started()

    def status(self) -> dict[str, object]:
        return {"provider": self.name, "model": self.model,
                "loaded": bool(self._server and self._server.running), "in_flight": self.queue.in_flight,
                "model_path": str(self.settings.resolved_model_path)}
