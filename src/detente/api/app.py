"""The detente web service: ``create_app(db_url)`` builds the FastAPI application.

One process serves the JSON API (spec at ``/openapi.json``) and the web UI (``/``, static files
from ``detente/api/static``: plain HTML, small ES modules and CSS, no build step and nothing
fetched from a CDN, because analysts often work offline or behind strict proxies).

Defences are on by default rather than configured: writes need a bearer token; request bodies are
capped (413) before they are read into memory; CORS is closed unless an allow-list is given; and
every page carries a Content-Security-Policy that allows only same-origin scripts, so even a bug
that let article text into the DOM as markup could not run an inline ``<script>`` or ``onerror=``.
The interactive ``/docs`` pages are off since FastAPI loads them from a CDN.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from spacy.language import Language
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.api import errors, routes_export, routes_read, routes_write
from detente.store.store import Store

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BodyLimit:
    """Refuse request bodies over ``max_body`` bytes with a JSON 413, without buffering them whole.

    A declared ``Content-Length`` over the limit is refused before reading; a chunked body is
    counted as it streams and refused as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def _too_large(self, scope: Scope, send: Send) -> None:
        response = errors.error_response(
            413, f"the request body is over the {self.max_body:,}-byte limit; send fewer or smaller articles")
        await response(scope, _no_receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_body
            except ValueError:
                too_big = True
            if too_big:
                await self._too_large(scope, send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_body:
                await self._too_large(scope, send)
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


class SecurityHeaders:
    """Add CSP and friends to every response (the API's JSON as well as the UI's pages)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cors_origins(given: list[str] | None) -> list[str]:
    if given is not None:
        return [o for o in given if o]
    env = os.environ.get("DETENTE_CORS_ORIGINS", "")
    return [o.strip() for o in env.split(",") if o.strip()]


def create_app(
    db_url: str,
    token: str | None = None,
    max_body: int = 2_000_000,
    *,
    cors_origins: list[str] | None = None,
    nlp_factory: Callable[[], Language] | None = None,
) -> FastAPI:
    """The API and UI over the store at ``db_url``.

    ``token`` (else ``$DETENTE_TOKEN``) enables writes; ``cors_origins`` (else the comma-separated
    ``$DETENTE_CORS_ORIGINS``) lists the origins allowed to call the API from other sites — none by
    default. ``nlp_factory`` replaces the packaged pipeline (tests, custom components).
    """
    store = Store(db_url)
    store.create()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="detente",
        version="1",
        summary="Conflict and diplomacy news as a sourced, queryable record (CODEBOOK detente.record/1).",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.token = token if token is not None else os.environ.get("DETENTE_TOKEN") or None
    app.state.extractor = routes_write.Extractor(nlp_factory)
    errors.install(app)
    app.include_router(routes_read.router)
    app.include_router(routes_export.router)
    app.include_router(routes_write.router)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    origins = _cors_origins(cors_origins)
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(SecurityHeaders)
    return app


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000, **kwargs: Any) -> None:
    """Run the service with uvicorn (what ``detente serve`` calls)."""
    import uvicorn

    uvicorn.run(create_app(db_url, **kwargs), host=host, port=port)
