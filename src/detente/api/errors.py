"""Every failure the API returns is one JSON shape: ``{"error": {"code", "message"}}``.

Clients (the web UI, scripts, schemathesis) can then branch on ``code`` without parsing HTML error
pages, and no traceback or SQL ever reaches a caller: unexpected exceptions are logged on the
server and answered with a generic 500. ``DetenteError`` codes (``E303`` for a bad date filter,
``E105`` for an empty article …) are passed through, so the API speaks the CLI's error codes.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente.errors import DetenteError

log = logging.getLogger("detente.api")

#: Status code -> stable machine-readable error code.
CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "invalid_request", 500: "internal", 501: "not_implemented", 503: "unavailable",
}


class ApiError(Exception):
    """An error with a status, a stable code and a message that tells the caller what to do."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, HTTPStatus(status).phrase.lower().replace(" ", "_"))
        self.message = message
        self.headers = headers
        self.details = details


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return {"error": body}


def error_response(status: int, message: str, code: str | None = None,
                   headers: dict[str, str] | None = None, details: Any = None) -> JSONResponse:
    err = ApiError(status, message, code, headers, details)
    return JSONResponse(error_body(err.code, err.message, err.details), status_code=status, headers=headers)


#: The error envelope as an OpenAPI response, so generated clients and schemathesis know it.
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "details": {}},
        }
    },
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the given error statuses."""
    return {
        status: {"description": HTTPStatus(status).phrase,
                 "content": {"application/json": {"schema": ERROR_SCHEMA}}}
        for status in statuses
    }


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    details = []
    for err in exc.errors():
        loc = ".".join(str(part) for part in err.get("loc", ()) if part != "body")
        details.append({"field": loc, "message": err.get("msg", "invalid")})
    first = details[0] if details else {"field": "", "message": "invalid request"}
    return f"{first['field'] or 'request'}: {first['message']}", details


def install(app: FastAPI) -> None:
    """Register the handlers that turn every exception into the JSON error envelope."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.code, exc.headers, exc.details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = "no such resource; see /openapi.json for the endpoints"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        message, details = _validation_message(exc)
        return error_response(422, message, details=details)

    @app.exception_handler(DetenteError)
    async def _detente_error(_: Request, exc: DetenteError) -> JSONResponse:
        return error_response(400, str(exc), code=getattr(exc, "code", "E000"))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal error; the server log has the details")
