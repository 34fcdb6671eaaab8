"""The API's one error shape, and the handlers that turn every failure into it.

    {"error": {"status": 422, "code": "invalid_parameter", "message": "since: ..."}}

Library errors (UsageError, NotFoundError, StoreError, BadInputError) are translated
here and nowhere else; a malformed parameter is always a 422, never a 500.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from ..errors import ArticleError, BadInputError, UsageError, writable
from ..store import NotFoundError, StoreError

log = logging.getLogger("strife.api")

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    406: "not_acceptable", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "invalid_parameter", 429: "rate_limited", 500: "internal_error", 503: "unavailable",
}


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class ApiError(HTTPException):
    """An HTTP error with its own machine-readable code."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"status": status, "code": code, "message": writable(message)}}
    return JSONResponse(body, status_code=status, headers=headers)


# Every documented error answer uses the one shape.
ERROR_RESPONSES = {status: {"model": ErrorBody, "description": code.replace("_", " ")}
                   for status, code in CODES.items() if status in (401, 403, 404, 422, 503)}


def install(app: FastAPI) -> None:
    """Register the handlers that give every 4xx/5xx answer the one shape."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = getattr(exc, "code", None) or CODES.get(exc.status_code, "error")
        return error_response(exc.status_code, code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_parameter", _validation_message(exc))

    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError) -> JSONResponse:
        return error_response(422, "invalid_parameter", str(exc))

    @app.exception_handler(ArticleError)
    async def article_fault(request: Request, exc: ArticleError) -> JSONResponse:
        return error_response(500, "internal_error", f"article {exc.item!r} could not be read (a fault at stage "
                                                      f"{exc.stage}); it has been logged and nothing was stored")

    @app.exception_handler(BadInputError)
    async def bad_article(request: Request, exc: BadInputError) -> JSONResponse:
        return error_response(422, "invalid_article", str(exc))

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return error_response(404, "not_found", str(exc))

    @app.exception_handler(StoreError)
    async def store_down(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error on %s: %s", request.url.path, exc)
        return error_response(503, "store_unavailable", "the event store cannot be reached; try again later")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(500, "internal_error", "internal error; it has been logged")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
    return "; ".join(parts) or "malformed request"
