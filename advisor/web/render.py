"""HTML for the chat UI's messages, built only from escaped text.

Answers and guide text are untrusted: every piece goes through ``html.escape`` and the markup
around it is ours. The result is one line with no blank lines, so Gradio's Markdown step sees a
single HTML block and leaves the escaped text alone (it is then sanitized as well).
"""

from __future__ import annotations

import re
from html import escape

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
    return (f'<div class="adv-source" id="adv-{uid}-{n}">'
            f'<div class="adv-source-head"><span class="adv-n">[{n}]</span> '
            f'<span class="adv-heading">{text_html(citation["heading_path"])}</span>'
            f' <span class="adv-doc">· {text_html(citation["title"])} ({text_html(citation["doc"])})</span></div>'
            f'<blockquote class="adv-quote">{text_html(citation["quote"])}</blockquote>{full}</div>')


def answer_html(text: str, *, uid: str, citations: list[dict] | None = None, refused: bool = False,
                notice: str | None = None, sections: dict[str, str] | None = None, pending: bool = False) -> str:
    """An assistant message: a badge saying what kind of answer it is, the text, then its sources."""
    citations = citations or []
    sections = sections or {}
    if pending:
        kind, badge = "adv-pending", "Looking in the guides…"
    elif refused:
        kind, badge = "adv-refused", "Not in my guides"
    else:
        count = len(citations)
        kind, badge = "adv-cited", f"From the guides · {count} source{'s' if count != 1 else ''}"
    known = {c["n"] for c in citations}
    html = [f'<div class="adv-answer {kind}"><div class="adv-badge">{badge}</div>',
            f'<div class="adv-text">{body_html(text, uid, known)}</div>']
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
