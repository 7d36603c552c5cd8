"""Run the golden set through the advisor, score it, and write a report.

Deterministic checks run on every case; the LLM judge on the first ``judge_cases`` answered
in-scope cases (it costs about a minute per case on a 2-core CPU with the 1.5B judge).
"""

from __future__ import annotations

import logging
import statistics
import time
import warnings
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import get_args

import numpy as np

from advisor.chain import Advisor
from advisor.embeddings import get_embeddings
from advisor.settings import Settings
from advisor.types import Answer
from advisor.oews.package import open_wages
from advisor.onet.data import open_occupations
from evals import checks
from evals.checks import RECALL_KS, case_metrics
from evals.golden import GOLDEN, Case, Kind, load_cases, subset
from evals.judge import FaithfulnessJudge, JudgeEndpoint, sanity_pairs

log = logging.getLogger(__name__)


@dataclass
class RunConfig:
    provider: str | None = None
    judge: str = "local"  # "local", "openai" (the ADVISOR_OPENAI_* endpoint) or "none"
    cases: int | None = None
    judge_cases: int | None = None
    sanity: int = 4
    golden: Path = GOLDEN
    guides: Path | None = None  # extra guides indexed beside knowledge/ (the second-guide fixture)
    out_dir: Path = Path(__file__).with_name("reports")
    run_name: str = field(default_factory=lambda: time.strftime("%Y%m%d-%H%M%S"))


def id_context_scores(retrieved: list[str], expected: list[str]) -> tuple[float, float] | None:
    """ragas ID-based context precision and recall."""
    if not expected:
        return None
    from ragas.dataset_schema import SingleTurnSample

    with warnings.catch_warnings():  # ragas 0.4.3 says "use ragas.metrics.collections", which has no ID-based metrics
        warnings.filterwarnings("ignore", "Importing IDBased", DeprecationWarning)
        from ragas.metrics import IDBasedContextPrecision, IDBasedContextRecall

    sample = SingleTurnSample(retrieved_context_ids=retrieved, reference_context_ids=expected)
    return (IDBasedContextPrecision().single_turn_score(sample), IDBasedContextRecall().single_turn_score(sample))


def answer_similarity(settings: Settings, answer: str, reference: str) -> float:
    """Cosine similarity of answer and reference with the local embeddings (non-LLM)."""
    emb = get_embeddings(settings)
    a, b = (np.array(v) for v in emb.embed_documents([answer, reference]))
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def run_case(advisor: Advisor, case: Case) -> tuple[Answer, list[dict], list[str]]:
    """The answer, the sources the answer step saw (guide sections, any outline, any official wage
    tables), and the guide-section ranking continued to 10 for the recall@k curve."""
    sources: list[dict] = []
    answer = None
    for event in advisor.stream(case.question, case.history):
        if event.type == "sources":
            sources = event.data
        elif event.type == "done":
            answer = event.data
    guide = [h["section_id"] for h in sources if h["kind"] == "section"]
    if not guide:  # refused before retrieval reached the answer step, or k=0
        return answer, sources, []
    deeper = advisor.gather(advisor.understand(case.question, case.history), k=max(RECALL_KS)).hits
    return answer, sources, guide + [h.section_id for h in deeper if h.section_id not in guide]


def with_guides(settings: Settings, extra: Path) -> Settings:
    """Settings whose index holds knowledge/ and the guides in ``extra``: a collection of its own,
    brought up to date incrementally, so the app's own index never sees fixture guides."""
    from ingest.indexer import ingest

    scoped = settings.model_copy(update={"collection": f"{settings.collection}_with_{extra.name}"})
    report = ingest(scoped, [settings.knowledge_dir, extra])
    if not report.ok:
        raise RuntimeError(f"cannot index {extra}: {report.errors}")
    return scoped


def make_judge(config: RunConfig, settings: Settings) -> FaithfulnessJudge | None:
    if config.judge == "none":
        return None
    if config.judge == "local":
        return FaithfulnessJudge(JudgeEndpoint.local(settings))
    return FaithfulnessJudge(JudgeEndpoint(settings.openai_base_url, settings.openai_model,
                                                  settings.openai_api_key.get_secret_value()))


def evaluate(settings: Settings, config: RunConfig) -> tuple[list[dict], dict, list[dict]]:
    if config.provider:
        settings = settings.model_copy(update={"provider": config.provider})
    if config.guides:
        settings = with_guides(settings, config.guides)
    advisor = Advisor(settings)
    cases = subset(load_cases(config.golden), config.cases)
    judge = make_judge(config, settings)
    wage_check = partial(checks.citation_matches, open_wages(settings))
    onet_check = partial(checks.onet_citation_matches, open_occupations(settings))  # missing files: a loud error
    judged = 0
    rows = []
    for n, case in enumerate(cases, start=1):
        answer, sources, ranked = run_case(advisor, case)
        retrieved = [h["section_id"] for h in sources]
        row = {"id": case.id, "kind": case.kind, "question": case.question, "answer": answer.answer,
               "refused": answer.refused, "notice": answer.notice, "provider": answer.provider,
               "citations": [c.section_id for c in answer.citations], "expected": case.expected_sections,
               "retrieved": retrieved, "timings": answer.timings.model_dump(), "dropped": answer.dropped,
               **case_metrics(case, answer, retrieved, ranked, wage_check, onet_check)}
        ids = id_context_scores(retrieved, case.expected_sections)
        row["id_context_precision"], row["id_context_recall"] = ids if ids else (None, None)
        answered = not answer.refused and case.reference
        row["answer_similarity"] = answer_similarity(settings, answer.answer, case.reference) if answered else None
        row["faithfulness"] = None
        # the judge reads what the model wrote; the rule-built official lines are checked exactly above
        sections = [c for c in answer.citations if c.kind == "section"]
        if judge and answered and sections and (config.judge_cases is None or judged < config.judge_cases):
            texts = {h["section_id"]: h["text"] for h in sources}  # what the model read, outlines included
            contexts = [texts[c.section_id] for c in sections if c.section_id in texts]
            row["faithfulness"] = judge.score(case.question, checks.model_part(answer.answer), contexts)
            judged += 1
        log.info("[%d/%d] %s refused=%s facts=%s faith=%s", n, len(cases), case.id, answer.refused,
                 row["key_fact_recall"], row["faithfulness"])
        rows.append(row)

    sanity = []
    if judge and config.sanity:
        texts = {sid: advisor.retriever.section(sid)["text"] for sid, _, _ in advisor.retriever.outline()}
        for pair in sanity_pairs(load_cases(config.golden), texts, config.sanity):
            pair["faithful_score"] = judge.score(pair["question"], pair["faithful"], [pair["context"]])
            pair["corrupted_score"] = judge.score(pair["question"], pair["corrupted"], [pair["context"]])
            sanity.append(pair)
    summary = summarise(rows, sanity, settings, config, judge)
    return rows, summary, sanity


def _mean(values: list) -> float | None:
    vals = [float(v) for v in values if v is not None]
    return round(statistics.fmean(vals), 4) if vals else None


def summarise(rows: list[dict], sanity: list[dict], settings: Settings, config: RunConfig, judge) -> dict:
    oos = [r for r in rows if r["kind"] == "out_of_scope"]
    must_answer = [r for r in rows if r["expected"] or r["kind"] == "wages"]
    answered = [r for r in rows if not r["refused"]]
    firsts = [r["timings"]["first_token_ms"] for r in answered if r["timings"]["first_token_ms"]]
    pairs = [p for p in sanity if p["faithful_score"] is not None and p["corrupted_score"] is not None]
    return {
        "run": config.run_name,
        "provider": rows[0]["provider"] if rows else None,
        "judge": judge.model if judge else None,
        "cases": len(rows),
        "by_kind": {k: sum(r["kind"] == k for r in rows) for k in get_args(Kind)},
        "refusal_accuracy": _mean([r["refusal_correct"] for r in rows]),
        "refusal_accuracy_out_of_scope": _mean([r["refusal_correct"] for r in oos]),
        "false_refusal_rate": _mean([r["refused"] for r in must_answer]),
        "citation_validity": _mean([r["citation_valid"] for r in answered]),
        "cites_expected": _mean([r["cites_expected"] for r in rows]),
        "key_fact_recall": _mean([r["key_fact_recall"] for r in rows]),
        "injection_resistance": _mean([r["injection_resisted"] for r in rows]),
        "role_leak_rate": _mean([r["role_leak"] for r in rows]),
        "dropped_lines": sum(r["dropped_lines"] for r in rows),
        **{f"recall@{k}": _mean([r[f"recall@{k}"] for r in rows]) for k in RECALL_KS},
        "id_context_precision": _mean([r["id_context_precision"] for r in rows]),
        "id_context_recall": _mean([r["id_context_recall"] for r in rows]),
        "answer_similarity": _mean([r["answer_similarity"] for r in rows]),
        "faithfulness": _mean([r["faithfulness"] for r in rows]),
        "faithfulness_judged": sum(r["faithfulness"] is not None for r in rows),
        "judge_sanity": {
            "pairs": len(pairs),
            "faithful_mean": _mean([p["faithful_score"] for p in pairs]),
            "corrupted_mean": _mean([p["corrupted_score"] for p in pairs]),
            "separation": (round(_mean([p["faithful_score"] for p in pairs]) - _mean([p["corrupted_score"] for p in pairs]), 4)
                           if pairs else None),
            "pairwise_accuracy": _mean([p["faithful_score"] > p["corrupted_score"] for p in pairs]),
        },
        "median_first_token_ms": round(statistics.median(firsts), 1) if firsts else None,
        "median_total_ms": round(statistics.median([r["timings"]["total_ms"] for r in rows]), 1) if rows else None,
        "settings": {"k": settings.k, "prompt_sources": settings.prompt_sources, "refusal_threshold": settings.refusal_threshold},
    }
