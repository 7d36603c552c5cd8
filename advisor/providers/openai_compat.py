"""Any OpenAI-compatible chat endpoint: Ollama, vLLM, llama.cpp's server, a hosted API."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import openai

from advisor.errors import ProviderError
from advisor.providers.base import BoundedQueue, GenerationRequest

log = logging.getLogger(__name__)


class OpenAICompatProvider:
    name = "openai"
    uses_llm = True

    def __init__(self, base_url: str, model: str, api_key: str, *, timeout: float = 300.0,
                 queue: BoundedQueue | None = None) -> None:
        self.base_url = base_url
        self.model = model
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed",
                                     timeout=timeout, max_retries=0)
        self.queue = queue or BoundedQueue(slots=4, waiting=16)

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        with self.queue.slot():
            try:
                response = self._client.chat.completions.create(
                    model=self.model, messages=request.messages, stream=True,
                    temperature=0, seed=0, max_tokens=request.max_tokens,
                )
                for chunk in response:
                    if chunk.choices and (text := chunk.choices[0].delta.content):
                        yield text
            except openai.APIConnectionError as exc:
                raise ProviderError(f"Cannot reach the model server at {self.base_url}: is it running?") from exc
            except openai.AuthenticationError as exc:
                raise ProviderError("The model server rejected the API key (ADVISOR_OPENAI_API_KEY).") from exc
            except openai.APIStatusError as exc:
                raise ProviderError(f"The model server failed ({exc.status_code}): {exc.message}") from exc
            except openai.APITimeoutError as exc:
                raise ProviderError("The model server timed out.") from exc

    def warm_up(self) -> None:
        """Nothing to load: the server is someone else's, and asking it costs a request."""

    def status(self) -> dict[str, object]:
        return {"provider": self.name, "model": self.model, "base_url": self.base_url,
                "in_flight": self.queue.in_flight}
