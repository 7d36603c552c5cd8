"""What every benchmark script shares: result rows, the printed table, memory readings, golden questions.

Each script prints its own table; with ``--json`` it also prints one ``BENCH_JSON {...}`` line
that ``run_all.py`` collects into the combined table. Figures are medians of one run and every
ratio compares two things measured in that same run, because the machine is shared and
absolute timings drift from one minute to the next.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "evals" / "golden.jsonl"
JSON_MARK = "BENCH_JSON "


@dataclass
class Row:
    metric: str
    value: float | int | str
    unit: str = ""
    target: str = ""  # e.g. "≤ 1.5×"; empty when there is no target
    ok: bool | None = None  # whether the target is met (None: no target)


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--quick", action="store_true", help="small sizes, for the smoke test")
    p.add_argument("--json", action="store_true", help="also print one BENCH_JSON line for run_all.py")
    return p


def setup_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def fmt(value: float | int | str) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(rows: list[Row], first: str = "metric", extra: dict[int, str] | None = None) -> str:
    """A plain-text table; ``extra`` puts a leading column (e.g. the benchmark name) on each row."""
    head = ([first] if extra is None else ["benchmark", first]) + ["value", "unit", "target", ""]
    body = [([] if extra is None else [extra[i]])
            + [r.metric, fmt(r.value), r.unit, r.target, {True: "ok", False: "MISSED", None: ""}[r.ok]]
            for i, r in enumerate(rows)]
    widths = [max(len(str(c)) for c in col) for col in zip(head, *body)]
    value_col = len(head) - 4
    lines = []
    for n, cells in enumerate([head, *body]):
        lines.append("  ".join(c.rjust(w) if i == value_col else c.ljust(w)
                               for i, (c, w) in enumerate(zip(cells, widths))).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths).rstrip())
    return "\n".join(lines)


def report(name: str, rows: list[Row], args: argparse.Namespace, notes: Iterable[str] = (),
           extra: dict | None = None) -> None:
    notes = list(notes)
    print(f"\n== {name} ==")
    print(table(rows))
    for note in notes:
        print(f"note: {note}")
    if args.json:
        payload = {"benchmark": name, "rows": [asdict(r) for r in rows], "notes": notes, **(extra or {})}
        print(JSON_MARK + json.dumps(payload))
    sys.stdout.flush()


def ratio_row(metric: str, value: float, limit: float, unit: str = "×") -> Row:
    shown = f"≤ {limit:g} %" if unit == "%" else f"≤ {limit:g}{unit}"
    return Row(metric, round(value, 3), unit, shown, value <= limit)


def median(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


def percentile(values: Iterable[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


class Stopwatch:
    """``with sw: ...`` adds the block's wall time; ``sw.ms`` is the last block in milliseconds."""

    def __enter__(self) -> Stopwatch:
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._t0
        self.ms = self.seconds * 1000


@contextmanager
def timed() -> Iterator[Stopwatch]:
    with Stopwatch() as sw:
        yield sw


# --- memory (Linux /proc; psutil is not installed)
def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def rss_mb() -> float:
    return _status_kb("VmRSS") / 1024


def peak_rss_mb() -> float:
    """Peak resident set size (VmHWM) since process start or the last ``reset_peak_rss``."""
    return _status_kb("VmHWM") / 1024


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0); False if the kernel does not allow it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


# --- questions
def golden(kind: str | None = None, with_history: bool | None = None) -> list[dict]:
    rows = [json.loads(line) for line in GOLDEN.read_text().splitlines() if line.strip()]
    return [r for r in rows if (kind is None or r["kind"] == kind)
            and (with_history is None or bool(r.get("history")) == with_history)]


def spread(items: list, n: int) -> list:
    """``n`` items spread evenly over the list (so a sample covers all topics, not just salaries)."""
    if n >= len(items):
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def in_work_dir(work_dir: Path | None, prefix: str, run):
    """``run(work)`` in the given folder, or in a temporary one that is removed afterwards."""
    import shutil
    import tempfile

    work = work_dir or Path(tempfile.mkdtemp(prefix=prefix))
    try:
        return run(work)
    finally:
        if work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
