"""HTML for the chat UI's messages: draws an answer's ``View`` (``advisor.presentation``), built
only from escaped text.

Answers and guide text are untrusted: every piece goes through ``html.escape`` and the markup
around it is ours. The result is one line with no blank lines, so Gradio's Markdown step sees a
single HTML block and leaves the escaped text alone (it is then sanitized as well).
"""

from __future__ import annotations

from html import escape

from advisor.presentation import PENDING, SHOWN_SOURCES, Chart, Line, Source, View, lines


def text_html(text: str) -> str:
    return escape(text, quote=True)


def lines_html(view_lines: list[Line], uid: str | None = None) -> str:
    """Paragraphs, and runs of list items as one list; a marker links to its source."""
    parts, items = [], []
    for line in view_lines:
        html = "".join(f'<a class="adv-marker" href="#adv-{uid}-{p.marker}" title="Show source {p.marker}">'
                       f"{text_html(p.text)}</a>" if p.marker is not None and uid else text_html(p.text)
                       for p in line.parts)
        if line.kind == "item":
            items.append(f"<li>{html}</li>")
            continue
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
            items = []
        parts.append(f"<p>{html}</p>")
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


def source_html(source: Source, uid: str, section_text: str | None) -> str:
    full = (f'<details class="adv-full"><summary>Show the whole section</summary>'
            f'<div class="adv-section-text">{lines_html(lines(section_text))}</div></details>') if section_text else ""
    if source.link:
        full = (f'<a class="adv-official" href="{text_html(source.link.href)}" target="_blank" rel="noopener">'
                f"{text_html(source.link.text)}</a>")
    return (f'<div class="adv-source" id="adv-{uid}-{source.n}">'
            f'<div class="adv-source-head"><span class="adv-n">[{source.n}]</span> '
            f'<span class="adv-heading">{text_html(source.heading)}</span>'
            f' <span class="adv-doc">· {text_html(source.origin)}</span></div>'
            f'<blockquote class="adv-quote">{text_html(source.quote)}</blockquote>{full}</div>')



def pending_html(text: str, reading: list[dict] | None = None) -> str:
    """An answer still streaming: its text so far (markers not yet linked) above the sources being
    read, shown the moment they are found (heading and the sentence that best matches)."""
    reading = reading or []
    chips = [f'<div class="adv-chip"><span class="adv-heading">{text_html(h["heading"])}</span> '
             f'<span class="adv-chip-quote">{text_html(h["quote"])}</span></div>' for h in reading]
    found = (f'<div class="adv-reading"><div class="adv-sources-title">Reading {len(chips)} '
             f'source{"s" if len(chips) != 1 else ""}</div>{collapsed(chips, "more")}</div>') if chips else ""
    return (f'<div class="adv-answer adv-pending"><div class="adv-badge">{PENDING}</div>'
            f'<div class="adv-text">{lines_html(lines(text))}</div>{found}</div>')


def collapsed(items: list[str], what: str) -> str:
    """The first ``SHOWN_SOURCES`` items, the rest behind a toggle."""
    rest = items[SHOWN_SOURCES:]
    more = (f'<details class="adv-more"><summary>{len(rest)} {what}</summary>{"".join(rest)}</details>'
            if rest else "")
    return "".join(items[:SHOWN_SOURCES]) + more


def answer_html(view: View, *, uid: str, sections: dict[str, str] | None = None) -> str:
    """A finished answer: the badge saying what kind it is, the text, the wage chart of a pay
    answer, any notice, then its sources."""
    sections = sections or {}
    html = [f'<div class="adv-answer adv-{view.badge.kind}"><div class="adv-badge">{text_html(view.badge.text)}</div>',
            f'<div class="adv-text">{lines_html(view.lines, uid)}</div>']
    if view.chart:
        html.append(chart_html(view.chart))
    if view.notice:
        html.append(f'<div class="adv-notice">{text_html(view.notice)}</div>')
    if view.sources:
        cards = [source_html(s, uid, sections.get(s.section_id)) for s in view.sources]
        html.append(f'<div class="adv-sources"><div class="adv-sources-title">Sources</div>'
                    f'{collapsed(cards, "more sources")}</div>')
    html.append("</div>")
    return "".join(html)


def error_html(message: str) -> str:
    return f'<div class="adv-answer adv-error"><div class="adv-badge">Could not answer</div><p>{text_html(message)}</p></div>'


def chart_html(chart: Chart) -> str:
    """The wage chart's rows as range bars, positioned as ``advisor.presentation`` placed them."""
    def bar(css: str, b) -> str:
        return f'<div class="{css}" style="left:{b.left}%;width:{b.width}%"></div>' if b else ""

    title = text_html(chart.title)
    out = [f'<div class="adv-wage-chart" role="img" aria-label="{title}">', f'<div class="adv-chart-title">{title}</div>']
    for row in chart.rows:
        bars = bar("adv-range adv-guide" if row.guide else "adv-range", row.range) + bar("adv-box", row.box)
        if row.median is not None:
            bars += f'<div class="adv-median" style="left:{row.median}%"></div>'
        out.append(f'<div class="adv-chart-row"><div class="adv-chart-label">{text_html(row.label)}'
                   f'<span class="adv-chart-figure"> · {text_html(row.figures)}</span></div>'
                   f'<div class="adv-track">{bars}</div></div>')
    out.append(f'<div class="adv-chart-axis"><span>{text_html(chart.low)}</span><span>{text_html(chart.high)}</span></div>'
               f'<div class="adv-chart-legend">{text_html(chart.legend)}</div></div>')
    return "".join(out)
