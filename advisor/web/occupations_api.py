"""``GET /api/occupations?q=…&area=…``: any U.S. occupation from O*NET as JSON (the same as
``advisor occupation --json``): description, what it needs most, the link to O*NET OnLine, the
CC BY 4.0 attribution, and its OEWS pay nationally or in ``area``.

400 without ``q``, 404 when no O*NET occupation matches, 503 when the O*NET files are missing or
corrupt (the message names ``advisor install-onet``); pay is ``null`` when the wage data is not.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from advisor.errors import WageDataError
from advisor.occupations import lookup
from advisor.oews.package import open_wages
from advisor.onet.data import open_occupations
from advisor.settings import Settings
from advisor.web.errors import WebError
from advisor.web.keys import api_key_check
from advisor.web.wages_api import MAX_CHARS

log = logging.getLogger(__name__)


def occupations_router(settings: Settings) -> APIRouter:
    router = APIRouter(dependencies=[Depends(api_key_check(settings))])

    @router.get("/api/occupations")
    async def occupations(q: str = "", area: str | None = None) -> dict:
        if not q.strip():
            raise WebError(400, "Name an occupation: /api/occupations?q=registered+nurse", "invalid_request")
        if len(q) > MAX_CHARS or len(area or "") > MAX_CHARS:
            raise WebError(400, f"q and area are limited to {MAX_CHARS} characters.", "invalid_request")
        data = await run_in_threadpool(open_occupations, settings)  # OccupationDataError → 503
        try:
            wages = await run_in_threadpool(open_wages, settings)
        except WageDataError as err:
            log.warning("occupation without pay: %s", err)
            wages = None
        found = await run_in_threadpool(lookup, data, wages, q, area)
        if found is None:
            raise WebError(404, f"No O*NET occupation matches {q!r}.", "not_found")
        return found.to_json()

    return router
