"""Write a run's per-case results, summary and a Markdown report with matplotlib plots."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from evals.checks import RECALL_KS  # noqa: E402

TABLE_FIELDS = ["id", "kind", "refused", "refusal_correct", "citation_valid", "cites_expected",
                "key_fact_recall", "faithfulness", "answer_similarity", "recall@5"]


def write_report(out: Path, rows: list[dict], summary: dict, sanity: list[dict], gate: list[str] | None) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "cases.jsonl").open("w") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out / "summary.json").write_text(json.dumps({**summary, "gate_failures": gate}, indent=2))
    (out / "sanity.json").write_text(json.dumps(sanity, indent=2, ensure_ascii=False))
    plots = [_distributions(out, rows), _recall_curve(out, summary), _sanity_plot(out, sanity)]
    lines = [f"# Eval run {summary['run']}", "",
             f"Provider: `{summary['provider']}` · judge: `{summary['judge']}` · cases: {summary['cases']} {summary['by_kind']}", "",
             "## Gate", "", "PASSED" if gate == [] else ("not run" if gate is None else "FAILED:\n" + "\n".join(f"- {g}" for g in gate)),
             "", "## Summary", "", "| metric | value |", "|---|---|"]
    for key, value in summary.items():
        if key not in ("run", "provider", "judge", "by_kind", "settings", "judge_sanity"):
            lines.append(f"| {key} | {_fmt(value)} |")
    for key, value in summary["judge_sanity"].items():
        lines.append(f"| judge_sanity.{key} | {_fmt(value)} |")
    lines += ["", *[f"![{p.stem}]({p.name})" for p in plots if p], "", "## Cases", "",
              "| " + " | ".join(TABLE_FIELDS) + " | answer |", "|" + "---|" * (len(TABLE_FIELDS) + 1)]
    for row in rows:
        answer = " ".join(row["answer"].split())[:140].replace("|", "\\|")
        lines.append("| " + " | ".join(_fmt(row.get(f)) for f in TABLE_FIELDS) + f" | {answer} |")
    report = out / "report.md"
    report.write_text("\n".join(lines) + "\n")
    return report


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _distributions(out: Path, rows: list[dict]) -> Path:
    metrics = ["key_fact_recall", "faithfulness", "answer_similarity"]
    fig, axes = plt.subplots(1, len(metrics), figsize=(12, 3.2))
    for ax, metric in zip(axes, metrics):
        values = [r[metric] for r in rows if r.get(metric) is not None]
        ax.hist(values, bins=10, range=(0, 1), color="#3b6ea8")
        ax.set_title(f"{metric} (n={len(values)})")
        ax.set_xlim(0, 1)
    return _save(fig, out / "distributions.png")


def _recall_curve(out: Path, summary: dict) -> Path:
    fig, ax = plt.subplots(figsize=(5, 3.2))
    ys = [summary[f"recall@{k}"] or 0 for k in RECALL_KS]
    ax.plot(RECALL_KS, ys, marker="o")
    ax.axhline(0.95, color="grey", linestyle="--", linewidth=1)
    ax.set_xlabel("k")
    ax.set_ylabel("expected-section recall@k")
    ax.set_ylim(0, 1.02)
    return _save(fig, out / "recall_at_k.png")


def _sanity_plot(out: Path, sanity: list[dict]) -> Path | None:
    pairs = [p for p in sanity if p.get("faithful_score") is not None and p.get("corrupted_score") is not None]
    if not pairs:
        return None
    fig, ax = plt.subplots(figsize=(5, 3.2))
    for i, p in enumerate(pairs):
        ax.plot([0, 1], [p["faithful_score"], p["corrupted_score"]], marker="o", color="#888")
    ax.set_xticks([0, 1], ["faithful", "corrupted"])
    ax.set_ylabel("judged faithfulness")
    ax.set_ylim(-0.05, 1.05)
    ax.set_title("judge sanity: separation")
    return _save(fig, out / "judge_sanity.png")


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path
