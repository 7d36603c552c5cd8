"""HTML for the chat UI's messages, built only from escaped text.

Answers and guide text are untrusted: every piece goes through ``html.escape`` and the markup
around it is ours. The result is one line with no blank lines, so Gradio's Markdown step sees a
single HTML block and leaves the escaped text alone (it is then sanitized as well).
"""

from __future__ import annotations

import re
from html import escape

from advisor.wages import PERCENTILES

MARKER = re.compile(r"\[(\d+)\]")


def text_html(text: str) -> str:
    return escape(text, quote=True)


def line_html(line: str, uid: str | None, known: set[int]) -> str:
    """One answer line with its ``[n]`` markers as links to the sources (when they exist)."""
    out, last = [], 0
    for m in MARKER.finditer(line):
        out.append(text_html(line[last:m.start()]))
        n = int(m.group(1))
        if uid and n in known:
            out.append(f'<a class="adv-marker" href="#adv-{uid}-{n}" '
                       f'title="Show source {n}">[{n}]</a>')
        else:
            out.append(text_html(m.group(0)))
        last = m.end()
    out.append(text_html(line[last:]))
    return "".join(out)


def body_html(text: str, uid: str | None = None, known: set[int] | None = None) -> str:
    """Answer text: ``- `` lines become a list, other lines paragraphs."""
    known = known or set()
    parts, items = [], []
    for raw in text.split("\n"):
        line = raw.strip()
        if line.startswith("- "):
            items.append(f"<li>{line_html(line[2:], uid, known)}</li>")
            continue
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if line:
            parts.append(f"<p>{line_html(line, uid, known)}</p>")
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


def source_html(citation: dict, uid: str, section_text: str | None) -> str:
    n = citation["n"]
    full = (f'<details class="adv-full"><summary>Show the whole section</summary>'
            f'<div class="adv-section-text">{body_html(section_text)}</div></details>') if section_text else ""
    if citation.get("kind") == "wages" and citation.get("url"):
        full = (f'<a class="adv-official" href="{text_html(citation["url"])}" target="_blank" rel="noopener">'
                f'BLS OEWS tables (series {text_html(citation["wages"]["series"])})</a>')
    return (f'<div class="adv-source" id="adv-{uid}-{n}">'
            f'<div class="adv-source-head"><span class="adv-n">[{n}]</span> '
            f'<span class="adv-heading">{text_html(citation["heading_path"])}</span>'
            f' <span class="adv-doc">· {text_html(citation["title"])} ({text_html(citation["doc"])})</span></div>'
            f'<blockquote class="adv-quote">{text_html(citation["quote"])}</blockquote>{full}</div>')


QUESTION_BADGE = "A question back"  # an answer with nothing to cite: which role do you mean?


def answer_html(text: str, *, uid: str, citations: list[dict] | None = None, refused: bool = False,
                notice: str | None = None, sections: dict[str, str] | None = None, pending: bool = False,
                wages: dict | None = None) -> str:
    """An assistant message: a badge saying what kind of answer it is, the text, the wage chart
    of a pay answer, then its sources."""
    citations = citations or []
    sections = sections or {}
    if pending:
        kind, badge = "adv-pending", "Looking in the guides…"
    elif refused:
        kind, badge = "adv-refused", "Not in my guides"
    elif not citations:
        kind, badge = "adv-question", QUESTION_BADGE
    else:
        count = len(citations)
        origin = {c.get("kind", "section") for c in citations}
        where = {"wages": "From official wage data", "section": "From the guides"}.get(
            origin.pop() if len(origin) == 1 else "", "From the guides and official wage data")
        kind, badge = "adv-cited", f"{where} · {count} source{'s' if count != 1 else ''}"
    known = {c["n"] for c in citations}
    html = [f'<div class="adv-answer {kind}"><div class="adv-badge">{badge}</div>',
            f'<div class="adv-text">{body_html(text, uid, known)}</div>']
    if wages and not refused:
        html.append(wage_chart_html(wages))
    if notice:
        html.append(f'<div class="adv-notice">{text_html(notice)}</div>')
    if citations:
        html.append('<div class="adv-sources"><div class="adv-sources-title">Sources</div>')
        html += [source_html(c, uid, sections.get(c["section_id"])) for c in citations]
        html.append("</div>")
    html.append("</div>")
    return "".join(html)


def error_html(message: str) -> str:
    return f'<div class="adv-answer adv-error"><div class="adv-badge">Could not answer</div><p>{text_html(message)}</p></div>'


def wage_chart_html(wages: dict) -> str:
    """Percentile wages as range bars on one scale: each occupation in the asked area and
    nationally, and the guide bands they were set against. Built from numbers only; a
    suppressed or top-coded percentile is left off the bar and named in the row's label."""
    rows = []  # (label, {measure: value}, note, is a guide band)
    for i, report in enumerate(wages.get("reports", [])):
        for r in [report] + wages.get("national", [])[i:i + 1]:
            shown = {m: r["values"][m] for m in PERCENTILES if m in r["values"]}
            missing = [v["display"] for v in shown.values() if v["value"] is None]
            where = "U.S." if r["area"]["kind"] == "national" else r["area"]["name"]
            rows.append((f'{r["occupation"]["title"]} · {where}', {m: v["value"] for m, v in shown.items()},
                         "; ".join(dict.fromkeys(missing)), False))
    for band in wages.get("guide_bands", []):
        values = {"annual_p10": band["low"], "annual_p90": band["high"] or band["low"]}
        rows.append((f'Guide: {band["label"]} band', values, "" if band["high"] else "open-ended above", True))
    figures = [v for _, values, _, _ in rows for v in values.values() if v is not None]
    if not figures:
        return ""
    low, high = min(figures), max(figures)
    span = (high - low) or 1.0

    def pos(value: float) -> float:
        return round(4 + 92 * (value - low) / span, 2)

    def bar(css: str, start: float, end: float) -> str:
        return f'<div class="{css}" style="left:{pos(start)}%;width:{max(pos(end) - pos(start), 0.8)}%"></div>'

    title = text_html(wages["citation"]["title"])
    out = [f'<div class="adv-wage-chart" role="img" aria-label="Annual wage percentiles, {title}">',
           f'<div class="adv-chart-title">Annual wages · {title}</div>']
    for label, values, note, guide in rows:
        known = [values[m] for m in PERCENTILES if values.get(m) is not None]
        median, p25, p75 = values.get("annual_median"), values.get("annual_p25"), values.get("annual_p75")
        bars = bar("adv-range adv-guide" if guide else "adv-range", min(known), max(known)) if known else ""
        if p25 is not None and p75 is not None:
            bars += bar("adv-box", p25, p75)
        if median is not None:
            bars += f'<div class="adv-median" style="left:{pos(median)}%"></div>'
        figures_text = (f"median ${median:,.0f}" if median is not None
                        else " to ".join(f"${v:,.0f}" for v in dict.fromkeys(known)))
        out.append(f'<div class="adv-chart-row"><div class="adv-chart-label">{text_html(label)}'
                   f'<span class="adv-chart-figure"> · {text_html(figures_text)}'
                   f'{" · " + text_html(note) if note else ""}</span></div>'
                   f'<div class="adv-track">{bars}</div></div>')
    out.append(f'<div class="adv-chart-axis"><span>${low:,.0f}</span><span>${high:,.0f}</span></div>'
               '<div class="adv-chart-legend">line: 10th–90th percentile · box: 25th–75th · mark: median</div></div>')
    return "".join(out)
