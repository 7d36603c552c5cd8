"""Providers by name: a new one is one registration, and every surface offers what is registered."""

import pytest

from advisor.chain import Advisor
from advisor.cli import build_parser
from advisor.errors import ConfigError
from advisor.providers.base import Provider
from advisor.providers.registry import get_provider, provider_names
from advisor.settings import Settings
from tests.fakes import SCRIPT, ScriptedProvider


def test_the_built_ins_and_the_test_provider_are_registered_the_same_way():
    assert {"local", "openai", "extractive", "scripted"} <= set(provider_names())
    provider = get_provider(Settings(provider="scripted"))
    assert isinstance(provider, ScriptedProvider) and provider.output == SCRIPT
    assert isinstance(provider, Provider)  # name, model, uses_llm, stream, warm_up, status


def test_an_unknown_provider_is_a_clear_error_naming_the_choices():
    with pytest.raises(ConfigError, match="Unknown provider 'nope'; choose one of: .*extractive.*scripted"):
        get_provider(Settings(provider="nope"))


def test_the_advisor_and_the_cli_take_any_registered_name(indexed_settings):
    advisor = Advisor(indexed_settings.model_copy(update={"provider": "scripted"}))
    assert advisor.provider.name == "scripted"
    args = build_parser().parse_args(["ask", "What do they earn?", "--provider", "scripted"])
    assert args.provider == "scripted"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["ask", "x", "--provider", "nope"])
