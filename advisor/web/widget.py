"""The embeddable widget: ``/widget.js`` (the one-tag loader) and ``/embed`` (the compact chat).

``/embed`` carries a strict CSP of its own (scripts, styles and fetches from this origin only)
whose ``frame-ancestors`` is the origin allowlist, so only allowed sites can frame it. The
static files are read on first request, not at import.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI
from starlette.responses import Response

from advisor.presentation import SHOWN_SOURCES
from advisor.settings import Settings
from advisor.types import MAX_TURNS
from advisor.web.security import OriginPolicy

STATIC = Path(__file__).parent / "static"
PUBLIC_URL_PLACEHOLDER = '"__ADVISOR_PUBLIC_URL__"'
# what the server tells the compact chat, so that it and the chat page share one definition
EMBED_VALUES = {"__ADVISOR_MAX_TURNS__": MAX_TURNS, "__ADVISOR_SHOWN_SOURCES__": SHOWN_SOURCES}
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".html": "text/html; charset=utf-8"}
EMBED_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
             "base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=8)
def static_text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def static_response(name: str, text: str | None = None, headers: dict[str, str] | None = None) -> Response:
    return Response(text if text is not None else static_text(name), media_type=TYPES[Path(name).suffix],
                    headers={"Cache-Control": "public, max-age=300", **(headers or {})})


def widget_routes(app: FastAPI, settings: Settings, policy: OriginPolicy) -> None:
    embed_csp = f"{EMBED_CSP}; {policy.frame_ancestors()}"

    @app.get("/widget.js", include_in_schema=False)
    async def widget_js() -> Response:
        script = static_text("widget.js").replace(PUBLIC_URL_PLACEHOLDER, json.dumps(settings.public_url.rstrip("/")))
        return static_response("widget.js", script)

    @app.get("/embed", include_in_schema=False)
    async def embed() -> Response:
        page = static_text("embed.html")
        for placeholder, value in EMBED_VALUES.items():
            page = page.replace(placeholder, str(value))
        return static_response("embed.html", page, headers={"Content-Security-Policy": embed_csp,
                                                      "Referrer-Policy": "no-referrer"})

    @app.get("/embed.js", include_in_schema=False)
    async def embed_js() -> Response:
        return static_response("embed.js")

    @app.get("/embed.css", include_in_schema=False)
    async def embed_css() -> Response:
        return static_response("embed.css")
