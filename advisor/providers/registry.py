"""Pick a provider by name. Built-ins register the same way a new one would."""

from __future__ import annotations

from collections.abc import Callable

from advisor.errors import ConfigError
from advisor.providers.base import BoundedQueue, Provider
from advisor.providers.extractive import ExtractiveProvider
from advisor.providers.openai_compat import OpenAICompatProvider
from advisor.settings import Settings

Factory = Callable[[Settings], Provider]
_FACTORIES: dict[str, Factory] = {}


def register(name: str, factory: Factory) -> None:
    _FACTORIES[name] = factory


def provider_names() -> list[str]:
    return sorted(_FACTORIES)


def get_provider(settings: Settings, name: str | None = None) -> Provider:
    name = name or settings.provider
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise ConfigError(f"Unknown provider {name!r}; choose one of: {', '.join(provider_names())}") from None
    return factory(settings)


def _openai(settings: Settings) -> Provider:
    return OpenAICompatProvider(settings.openai_base_url, settings.openai_model, settings.openai_api_key.get_secret_value(),
                                timeout=settings.request_timeout,
                                queue=BoundedQueue(slots=4, waiting=settings.llm_queue * 4))


def _local(settings: Settings) -> Provider:
    from advisor.providers.local import LocalProvider

    return LocalProvider(settings)


register("extractive", lambda settings: ExtractiveProvider())
register("openai", _openai)
register("local", _local)
