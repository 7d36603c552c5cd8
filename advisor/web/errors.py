"""Errors as the web layer sends them: ``{"error": {"message", "type"}}`` with the right status.

Library errors (``advisor.errors``) map to statuses here, in one table, so the API routes,
the middlewares and the SSE ``error`` event all say the same thing the same way.
"""

from __future__ import annotations

import math

from starlette.responses import JSONResponse

from advisor.errors import (AdvisorError, ConfigError, FeedbackUnavailableError, IndexMissingError, InvalidQuestionError,
                            OccupationDataError,
                            ProviderBusyError, ProviderError, StoreUnavailableError, WageDataError)

# most specific first: ProviderBusyError is a ProviderError
STATUS_FOR: list[tuple[type[AdvisorError], int, str]] = [
    (InvalidQuestionError, 400, "invalid_request"),
    (ProviderBusyError, 503, "model_busy"),
    (IndexMissingError, 503, "index_missing"),
    (StoreUnavailableError, 503, "store_unavailable"),
    (FeedbackUnavailableError, 503, "feedback_unavailable"),
    (ProviderError, 502, "model_error"),
    (WageDataError, 503, "wages_unavailable"),
    (OccupationDataError, 503, "occupations_unavailable"),
    (ConfigError, 500, "config_error"),
    (AdvisorError, 500, "advisor_error"),
]


def error_body(message: str, type_: str) -> dict:
    return {"error": {"message": message, "type": type_}}


def error_response(status: int, message: str, type_: str, retry_after: float | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    headers = dict(headers or {})
    if retry_after is not None:
        headers["Retry-After"] = str(max(1, math.ceil(retry_after)))
    return JSONResponse(error_body(message, type_), status_code=status, headers=headers)


def classify(err: AdvisorError) -> tuple[int, str]:
    """(HTTP status, error type) for a library error."""
    for cls, status, type_ in STATUS_FOR:
        if isinstance(err, cls):
            return status, type_
    return 500, "advisor_error"


def advisor_error_response(err: AdvisorError) -> JSONResponse:
    status, type_ = classify(err)
    retry = err.retry_after if isinstance(err, ProviderBusyError) else None
    return error_response(status, str(err), type_, retry_after=retry)


class WebError(Exception):
    """An HTTP-level refusal raised by a route (bad key, unknown section, …)."""

    def __init__(self, status: int, message: str, type_: str) -> None:
        super().__init__(message)
        self.status = status
        self.type = type_

    def response(self) -> JSONResponse:
        return error_response(self.status, str(self), self.type)
