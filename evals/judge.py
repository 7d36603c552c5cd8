"""ragas Faithfulness with a judge behind any OpenAI-compatible endpoint (default: the local model).

Also the judge sanity set: faithful statements against the same statements with a figure
changed or a claim invented. How well a 1.5B judge separates them says how far to trust it.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
from dataclasses import dataclass

import openai

from advisor.settings import Settings
from evals.golden import Case

log = logging.getLogger(__name__)

INVENTED_CLAIM = "Most employers also give every new hire a company car and a $50,000 signing bonus."


@dataclass(frozen=True)
class JudgeEndpoint:
    base_url: str
    model: str
    api_key: str

    @classmethod
    def local(cls, settings: Settings) -> "JudgeEndpoint":
        """The embedded model, started the same way the advisor starts it."""
        from advisor.providers.local import MODEL_NAME, verify_once
        from advisor.providers.llama_server import shared_server

        verify_once(settings.resolved_model_path, settings.model_sha256)
        server = shared_server(settings.resolved_model_path, settings.llm_threads, settings.llm_context)
        server.start()
        return cls(server.base_url, MODEL_NAME, server.api_key)


class FaithfulnessJudge:
    def __init__(self, endpoint: JudgeEndpoint, max_tokens: int = 768) -> None:
        from ragas.llms import llm_factory
        from ragas.metrics.collections import Faithfulness

        client = openai.AsyncOpenAI(base_url=endpoint.base_url, api_key=endpoint.api_key, max_retries=0, timeout=600)
        llm = llm_factory(endpoint.model, client=client, temperature=0, seed=0, max_tokens=max_tokens)
        self.metric = Faithfulness(llm=llm)
        self.model = endpoint.model

    def score(self, question: str, answer: str, contexts: list[str]) -> float | None:
        """Faithfulness in [0, 1]; None when the judge fails to produce a verdict."""
        try:
            result = asyncio.run(self.metric.ascore(user_input=question, response=answer, retrieved_contexts=contexts))
        except Exception as exc:  # a small judge often breaks the structured-output format
            log.warning("judge failed: %s", str(exc)[:200])
            return None
        value = result.value
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def corrupt(statement: str) -> str:
    """The statement with its figures changed, or with an invented claim when it has none."""
    changed = re.sub(r"\d[\d,.]*", lambda m: _shift(m.group(0)), statement)
    return changed if changed != statement else f"{statement} {INVENTED_CLAIM}"


def _shift(number: str) -> str:
    digits = number.replace(",", "")
    try:
        value = float(digits.rstrip("."))
    except ValueError:
        return number
    shifted = value * 3 + 7
    text = f"{shifted:,.0f}" if "," in number or shifted >= 10000 else f"{shifted:g}"
    return text


def sanity_pairs(cases: list[Case], section_text: dict[str, str], n: int) -> list[dict]:
    """(question, context, faithful statement, corrupted statement) from cases with figures first."""
    from advisor.textmatch import best_sentence

    ranked = sorted((c for c in cases if c.kind == "in_scope" and c.expected_sections),
                    key=lambda c: (not any(ch.isdigit() for ch in " ".join(c.key_facts)), c.id))
    pairs = []
    for case in ranked[:n]:
        context = section_text[case.expected_sections[0]]
        faithful = best_sentence(context, " ".join(case.key_facts) + " " + case.question)
        pairs.append({"id": case.id, "question": case.question, "context": context,
                      "faithful": faithful, "corrupted": corrupt(faithful)})
    return pairs
