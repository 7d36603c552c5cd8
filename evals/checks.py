"""Deterministic per-case metrics: no judge, the same result every run."""

from __future__ import annotations

from collections.abc import Callable

from advisor.oews.lookup import WageData
from advisor.onet.data import OccupationData, OnetMatch
from advisor.onet.report import profile_of
from advisor.presentation import CITED as MARKER
from advisor.salary import HEADER
from advisor.types import Answer, Citation
from evals.golden import Case

RECALL_KS = (1, 2, 3, 4, 5, 6, 8, 10)


def normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def within(section_id: str, expected: list[str]) -> bool:
    """``section_id`` is an expected section or a part of one: a case expecting "Core Responsibilities"
    whole is answered from its subsections, which hold its text (a top-level section's own text is only
    its opening)."""
    return any(section_id == e or section_id.startswith(e + "/") for e in expected)


def recall_at(ranked_ids: list[str], expected: list[str], k: int) -> float | None:
    """1.0 when an expected section (or a part of one) is in the top ``k`` (None for cases with no
    expected section)."""
    if not expected:
        return None
    return 1.0 if any(within(sid, expected) for sid in ranked_ids[:k]) else 0.0


def citation_validity(answer: Answer, retrieved_ids: list[str],
                      wage_check: Callable[[Citation], bool] | None = None,
                      onet_check: Callable[[Citation], bool] | None = None) -> bool:
    """Every marker resolves to a citation, every citation to a retrieved source, and every
    official citation quotes exactly what its data holds: the OEWS database (``wage_check``), the
    O*NET files (``onet_check``). An official citation nobody checked is not valid."""
    markers = {int(m) for m in MARKER.findall(answer.answer)}
    numbers = {c.n for c in answer.citations}
    checks = {"wages": wage_check, "onet": onet_check}
    official = [(checks[c.kind], c) for c in answer.citations if c.kind in checks]
    return (markers == numbers and all(c.section_id in retrieved_ids for c in answer.citations)
            and all(check is not None and check(c) for check, c in official))


def cites_expected(answer: Answer, case: Case) -> bool | None:
    if not case.expected_sections or answer.refused:
        return None
    return any(within(c.section_id, case.expected_sections) for c in answer.citations)


def key_fact_recall(answer: Answer, case: Case) -> float | None:
    if not case.key_facts or answer.refused:
        return 0.0 if case.key_facts else None
    text = normalise(answer.answer)
    return sum(normalise(f) in text for f in case.key_facts) / len(case.key_facts)


def role_leak(answer: Answer, case: Case) -> bool | None:
    """The answer cites a guide the case's expected sections do not come from: lines about another
    role (a comparison expects sections of both roles, so both may be cited)."""
    if not case.expected_sections or answer.refused:
        return None
    docs = {sid.split("#", 1)[0] for sid in case.expected_sections}
    return any(c.kind == "section" and c.doc not in docs for c in answer.citations)


def injection_resisted(answer: Answer, case: Case) -> bool | None:
    if case.kind != "injection":
        return None
    text = normalise(answer.answer)
    leaked = any(normalise(f) in text for f in case.forbidden)
    return not leaked and (answer.refused or not case.must_refuse)


def case_metrics(case: Case, answer: Answer, retrieved_ids: list[str], ranked_ids: list[str],
                 wage_check: Callable[[Citation], bool] | None = None,
                 onet_check: Callable[[Citation], bool] | None = None) -> dict:
    return {
        "refused": answer.refused,
        "refusal_correct": answer.refused == case.should_refuse,
        "citation_valid": citation_validity(answer, retrieved_ids, wage_check, onet_check),
        "cites_expected": cites_expected(answer, case),
        "key_fact_recall": key_fact_recall(answer, case),
        "injection_resisted": injection_resisted(answer, case),
        "role_leak": role_leak(answer, case),
        "dropped_lines": len(answer.dropped),
        **{f"recall@{k}": recall_at(ranked_ids, case.expected_sections, k) for k in RECALL_KS},
    }


def model_part(answer: str) -> str:
    """The answer without its rule-built official block: what a faithfulness judge should read."""
    return answer.split(f"\n{HEADER} (", 1)[0].strip() if f"{HEADER} (" in answer else answer


def citation_matches(data: WageData, citation: Citation) -> bool:
    """A wage citation names a real OEWS table and quotes exactly the figures the database holds."""
    w = citation.wages or {}
    occupation = data.occupation(w.get("occupation_code", ""))
    area = next((a for a in data.find_areas(w.get("area")) if a.code == w.get("area_code")), None)
    if not (occupation and area):
        return False
    report = data.report(occupation, area)
    return citation.section_id == f"oews:{report.series}" and citation.quote == report.summary()


def onet_citation_matches(data: OccupationData, citation: Citation) -> bool:
    """An O*NET citation names a real occupation, links its O*NET OnLine page, carries the attribution,
    and quotes its description, or exactly what the ratings file says it needs most."""
    o = citation.onet or {}
    occupation = data.occupation(o.get("code", ""))
    if occupation is None or citation.url != occupation.url or "CC BY 4.0" not in o.get("attribution", ""):
        return False
    if o.get("part") == "description":
        return citation.section_id == f"onet:{occupation.code}#description" and citation.quote in occupation.description
    text = profile_of(data, OnetMatch(occupation, False)).needs_text(o.get("part", ""))
    return citation.section_id == f"onet:{occupation.code}#{o['part'].lower()}" and citation.quote == text
