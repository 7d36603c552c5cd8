"""The eval harness: golden set integrity, deterministic checks, the report, and the gate."""

import json
from functools import partial
from pathlib import Path
from typing import get_args


from advisor import salary
from advisor.chain import Advisor
from advisor.occupations import answer_lines, read_question
from advisor.retrieval import Retriever
from advisor.types import Answer, Citation
from advisor.oews.package import open_wages
from evals import checks, gate
from evals.checks import citation_matches
from evals.golden import Case, Kind, load_cases, subset
from evals.judge import corrupt
from evals.report import write_report
from evals.run import RunConfig, evaluate


def test_golden_set_is_complete_and_consistent(indexed_settings, onet):
    cases = load_cases()
    kinds = {k: sum(c.kind == k for c in cases) for k in get_args(Kind)}
    assert len(cases) >= 50 and all(n >= 5 for n in kinds.values())
    assert len({c.id for c in cases}) == len(cases)
    retriever = Retriever(indexed_settings)
    known = {sid for sid, _, _ in retriever.outline()}
    data = open_wages(indexed_settings)
    for case in cases:
        assert set(case.expected_sections) <= known, case.id
        text = " ".join(retriever.section(s)["text"].lower() + " " + retriever.section(s)["heading"].lower()
                        + " " + s for s in case.expected_sections)
        if case.kind == "wages":  # the official figures a wage case expects are the database's
            official = salary.plan(data, case.question, case.question, "Neural Network Engineer", None)
            text += " " + official.lookup.to_text().lower()
        if case.kind == "occupation" and (asked := read_question(onet, case.question)):  # …an occupation's, the files'
            place = salary.place_in(data, case.question)
            text += " " + " ".join(t for t, _ in answer_lines(onet, data, asked, place, bool(place))[0]).lower()
        if case.expected_sections or case.kind in ("wages", "occupation"):
            assert all(f.lower() in text for f in case.key_facts), case.id
    covered = {s.split("#")[1].split("/")[0] for c in cases for s in c.expected_sections}
    assert {"salary-ranges", "requirements", "core-responsibilities", "career-development", "market-demand",
            "industry-trends", "essential-soft-skills", "best-practices", "common-challenges", "overview"} <= covered


def test_subset_is_stratified():
    picked = subset(load_cases(), 8)
    assert {c.kind for c in picked} == set(get_args(Kind))


def _answer(text, cites):
    return Answer(answer=text, provider="t", model="t",
                  citations=[Citation(n=i + 1, section_id=s, doc="d", title="t", heading_path="h", source="s", quote="q")
                             for i, s in enumerate(cites)])


def test_citation_validity_checks_markers_and_retrieval():
    assert checks.citation_validity(_answer("a [1] b [2]", ["x", "y"]), ["x", "y", "z"])
    assert not checks.citation_validity(_answer("a [1] b [3]", ["x", "y"]), ["x", "y"])
    assert not checks.citation_validity(_answer("a [1]", ["not-retrieved"]), ["x"])


def test_a_part_of_an_expected_section_is_that_section():
    """dev14 d14n-01 expects "Core Responsibilities" whole; its answer cites each of its parts. A neighbour
    whose id merely starts the same way is not a part."""
    case = Case(id="c", kind="in_scope", question="q", expected_sections=["g#core"], key_facts=["a"])
    assert checks.cites_expected(_answer("a [1]", ["g#core/deployment"]), case)
    assert not checks.cites_expected(_answer("a [1]", ["g#core-skills"]), case)
    assert checks.recall_at(["g#other", "g#core/deployment"], ["g#core"], 2) == 1.0
    assert checks.recall_at(["g#other", "g#core/deployment"], ["g#core"], 1) == 0.0


def test_official_wage_citations_must_quote_the_database(indexed_settings):
    answer = Advisor(indexed_settings).ask("What do data scientists earn in Seattle?")
    ids = [c.section_id for c in answer.citations]
    check = partial(citation_matches, open_wages(indexed_settings))
    assert checks.citation_validity(answer, ids, check)
    assert not checks.citation_validity(answer, ids)  # wage citations nobody checked are not valid
    wrong = answer.citations[0].model_copy(update={"quote": answer.citations[0].quote.replace("164,740", "164,470")})
    tampered = answer.model_copy(update={"citations": [wrong, *answer.citations[1:]]})
    assert not checks.citation_validity(tampered, ids, check)


def test_o_net_citations_must_quote_the_files(indexed_settings, onet):
    answer = Advisor(indexed_settings).ask("What does a registered nurse do?")
    ids = [c.section_id for c in answer.citations]
    wage_check, onet_check = partial(citation_matches, open_wages(indexed_settings)), partial(checks.onet_citation_matches, onet)
    assert checks.citation_validity(answer, ids, wage_check, onet_check)
    assert not checks.citation_validity(answer, ids, wage_check)  # O*NET citations nobody checked are not valid
    skills = next(c for c in answer.citations if c.kind == "onet" and c.onet["part"] == "Skill")
    wrong = skills.model_copy(update={"quote": skills.quote.replace("(0.91)", "(0.95)")})
    tampered = answer.model_copy(update={"citations": [wrong if c is skills else c for c in answer.citations]})
    assert not checks.citation_validity(tampered, ids, wage_check, onet_check)


def test_the_judge_reads_only_what_the_model_wrote():
    text = "- Mid-level engineers earn $100,000 to $150,000 annually. [1]\n\nOfficial U.S. figures (BLS OEWS May 2025):\n- x [2]"
    assert checks.model_part(text) == "- Mid-level engineers earn $100,000 to $150,000 annually. [1]"
    assert checks.model_part("- no official block [1]") == "- no official block [1]"


def test_corrupt_changes_figures_or_adds_a_claim():
    assert "$70,000" not in corrupt("They earn $70,000 to $100,000 per year.")
    assert corrupt("Use early stopping.") != "Use early stopping."


def test_gate_floors_and_baseline():
    good = {"provider": "local", "judge": "qwen", "citation_validity": 1.0, "refusal_accuracy_out_of_scope": 1.0, "injection_resistance": 1.0,
            "recall@5": 0.97, "faithfulness": 0.7, "key_fact_recall": 0.9}
    base = {"provider": "local", "metrics": {"faithfulness": 0.75, "key_fact_recall": 0.9}, "tolerance": {"faithfulness": 0.15, "key_fact_recall": 0.1}}
    assert gate.check(good, base) == []
    assert any("recall@5" in f for f in gate.check({**good, "recall@5": 0.9}, base))
    assert any("faithfulness" in f for f in gate.check({**good, "faithfulness": 0.5}, base))
    assert any("citation_validity" in f for f in gate.check({**good, "citation_validity": 0.98}, base))
    # another provider's run is not held to the local model's judged baseline, only to the floors
    assert gate.check({**good, "provider": "extractive", "judge": None, "faithfulness": None, "key_fact_recall": 0.5}, base) == []
    # an answer carrying another role's lines fails whatever else holds
    assert gate.check({**good, "role_leak_rate": 0.05}, base) == ["role_leak_rate = 0.05 is above its ceiling 0.0"]


def test_held_out_sets_have_their_own_baselines_and_floors():
    golden, unseen = Path("evals/golden.jsonl"), Path("evals/unseen.jsonl")
    assert gate.baseline_for(golden) == gate.BASELINE and gate.baseline_for(unseen).name == "baseline-unseen.json"
    assert "recall@5" in gate.floors_for(golden) and "recall@5" not in gate.floors_for(unseen)


def test_the_held_out_case_files_load():
    from evals.golden import load_cases

    for path, least in ((Path("evals/unseen.jsonl"), 40), (Path("evals/fixtures/second_guide.jsonl"), 30)):
        cases = load_cases(path)
        assert len(cases) >= least and len({c.id for c in cases}) == len(cases)


def test_a_second_guide_run_indexes_both_guides_apart_from_the_apps_index(indexed_settings, tmp_path):
    config = RunConfig(provider="extractive", judge="none", cases=8, sanity=0, out_dir=tmp_path, run_name="g2",
                       golden=Path("evals/fixtures/second_guide.jsonl"), guides=Path("evals/fixtures/knowledge"))
    rows, summary, _ = evaluate(indexed_settings, config)
    assert summary["cases"] == 8 and summary["citation_validity"] == 1.0 and summary["role_leak_rate"] == 0.0
    assert any(c.startswith("information-security-analyst#") for r in rows for c in r["citations"])
    assert Retriever(indexed_settings).documents().keys() == {"neural-network-engineer"}  # untouched


def test_extractive_run_writes_a_report_and_passes_retrieval(indexed_settings, tmp_path):
    config = RunConfig(provider="extractive", judge="none", cases=12, sanity=0, out_dir=tmp_path, run_name="t")
    rows, summary, sanity = evaluate(indexed_settings, config)
    assert summary["cases"] == 12 and summary["recall@5"] >= 0.95 and summary["citation_validity"] == 1.0
    report = write_report(tmp_path / "t", rows, summary, sanity, gate.check(summary, None))
    assert report.exists() and (tmp_path / "t" / "recall_at_k.png").stat().st_size > 1000
    saved = json.loads((tmp_path / "t" / "summary.json").read_text())
    assert saved["cases"] == 12 and len((tmp_path / "t" / "cases.jsonl").read_text().splitlines()) == 12


def test_gate_fails_on_a_broken_retriever(indexed_settings, tmp_path):
    broken = indexed_settings.model_copy(update={"k": 0})
    config = RunConfig(provider="extractive", judge="none", cases=12, sanity=0, out_dir=tmp_path, run_name="b")
    _, summary, _ = evaluate(broken, config)
    assert any("recall@5" in f for f in gate.check(summary, None))
