"""The web app: JSON API, Gradio chat page and embeddable widget, assembled by
``advisor.web.factory.create_app(settings, advisor=None)``.

    api.py        routes under /api and /healthz        ui.py       the Gradio chat page
    widget.py     /widget.js and the /embed page         render.py   escaped HTML for chat messages
    service.py    the shared Advisor, health, sections  streaming.py  thread → async events, SSE
    security.py   origin allowlist, CORS, frame-ancestors
    ratelimit.py  per-IP token buckets (429)            bodylimit.py  request size (413)
    feedback.py   thumbs and comments in SQLite         errors.py   error JSON and statuses
"""
