"""``GET /api/wages?occupation=…&area=…``: official U.S. wages (BLS OEWS) as JSON, for the chat's chart.

200 with ``WageLookup.to_json()`` (the same as ``advisor wages --json``): the occupation's figures in
the area and nationally. 400 without an occupation, 404 when no occupation or U.S. area matches
(type ``out_of_scope`` for a place outside the U.S.), 503 when the wage data is missing or corrupt.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from advisor.settings import Settings
from advisor.oews.package import open_wages
from advisor.web.keys import api_key_check
from advisor.web.errors import WebError

MAX_CHARS = 200
NOT_FOUND_TYPE = {"outside_us": "out_of_scope"}


def wages_router(settings: Settings) -> APIRouter:
    router = APIRouter(dependencies=[Depends(api_key_check(settings))])

    @router.get("/api/wages")
    async def wages(occupation: str = "", area: str | None = None) -> dict:
        if not occupation.strip():
            raise WebError(400, "Name an occupation: /api/wages?occupation=software+developers&area=Seattle",
                           "invalid_request")
        if len(occupation) > MAX_CHARS or len(area or "") > MAX_CHARS:
            raise WebError(400, f"occupation and area are limited to {MAX_CHARS} characters.", "invalid_request")
        data = await run_in_threadpool(open_wages, settings)  # WageDataError → 503 (web/errors.py)
        found = await run_in_threadpool(data.lookup, occupation, area)
        if not found.ok:
            raise WebError(404, found.note, NOT_FOUND_TYPE.get(found.status, "not_found"))
        return found.to_json()

    return router
