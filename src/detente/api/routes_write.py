"""``POST /articles``: ingest one article object or a batch, answer with the stored records.

Articles go through the same path as ``detente ingest`` (``detente.inputs`` builds and checks each
one — text or HTML, dates, ``check_text`` — then ``detente.ingest.ingest_articles`` extracts and
stores), so the API cannot store anything the CLI would refuse. Writes need a bearer token; with no
token configured the server is read-only, because an open write endpoint on a shared desk's
archive is worse than none. The spaCy pipeline is loaded on the first write only, so a read-only
server starts fast and stays small, and one lock serializes extraction: a ``Language`` object is
not meant to be driven from several threads at once.
"""

from __future__ import annotations

import hmac
import re
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language

from detente.api.errors import ApiError, error_responses
from detente.errors import DetenteError
from detente.inputs import Article, _from_object
from detente.record import text_sha256
from detente.store.store import Store

router = APIRouter()
MAX_BATCH = 100
_CODE = re.compile(r"E\d{3}")
_bearer = HTTPBearer(auto_error=False, description="The server's DETENTE_TOKEN.")


class ArticleIn(BaseModel):
    """An article object, as in a ``.json`` file or a ``.jsonl`` feed line."""

    model_config = ConfigDict(extra="ignore")
    id: str | None = Field(None, max_length=200)
    text: str | None = Field(None, description="Plain text; offsets in the record index into it.")
    html: str | None = Field(None, description="An HTML page; its main text is extracted.")
    published: str | None = Field(None, max_length=40, description="ISO 8601 date or date-time.")
    title: str | None = None
    url: str | None = None
    source: str | None = None


def require_token(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """401 without credentials, 403 with a wrong token or when the server has no token at all."""
    expected: str | None = request.app.state.token
    if not expected:
        raise ApiError(403, "writes are disabled on this server: start it with DETENTE_TOKEN set")
    if creds is None:
        raise ApiError(401, "send the token as 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(creds.credentials.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(403, "the token is not valid for this server")


class Extractor:
    """The pipeline, loaded once on first use, and the lock that serializes ingests."""

    def __init__(self, factory: Callable[[], Language] | None = None) -> None:
        self._factory = factory
        self._nlp: Language | None = None
        self.lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    def nlp(self) -> Language:
        """Call with ``lock`` held."""
        if self._nlp is None:
            if self._factory is None:
                from detente.pipeline import default_nlp

                self._factory = default_nlp
            self._nlp = self._factory()
        return self._nlp


def _stored_record(store: Store, article: Article) -> dict[str, Any] | None:
    record = store.get_record(article.id) if article.id else None
    if record is None:  # the same text may be stored under another id
        from detente.api.pages import article_id_for_text

        other = article_id_for_text(store, text_sha256(article.text))
        record = store.get_record(other) if other else None
    return record


def _error(err: Exception) -> dict[str, str]:
    return {"code": getattr(err, "code", "E000"), "message": str(err)}


@router.post(
    "/articles", tags=["write"], status_code=201, dependencies=[Depends(require_token)],
    responses={200: {"description": "Every article was already stored"},
               **error_responses(401, 403, 413, 422)},
)
def post_articles(request: Request, body: ArticleIn | list[ArticleIn]) -> JSONResponse:
    """Ingest articles and return, for each, ``added``/``skipped``/``failed`` and its record."""
    items = body if isinstance(body, list) else [body]
    if not items:
        raise ApiError(422, "the list is empty; send one article object or a list of them")
    if len(items) > MAX_BATCH:
        raise ApiError(422, f"{len(items)} articles in one request; send at most {MAX_BATCH}")
    store: Store = request.app.state.store
    extractor: Extractor = request.app.state.extractor
    results: list[dict[str, Any]] = [{"index": i, "status": "failed"} for i in range(len(items))]
    valid: list[tuple[int, Article]] = []
    for i, item in enumerate(items):
        origin = f"articles[{i}]"
        try:
            valid.append((i, _from_object(item.model_dump(exclude_none=True), origin)))
        except DetenteError as err:
            results[i]["error"] = _error(err)
    if valid:
        from detente.ingest import ingest_articles

        by_origin = {article.origin: i for i, article in valid}
        outcomes: dict[int, str] = {}
        with extractor.lock:
            summary = ingest_articles([a for _, a in valid], store, nlp=extractor.nlp(),
                                      on_article=lambda origin, outcome: outcomes.update({by_origin[origin]: outcome}))
        reasons = {by_origin[origin]: reason for origin, reason in summary.failed}
        for i, article in valid:
            outcome = outcomes.get(i, "failed")
            results[i]["status"] = outcome
            if outcome == "failed":
                reason = reasons.get(i, f"{article.origin}: not stored")
                found = _CODE.search(reason)
                results[i]["error"] = {"code": found.group(0) if found else "E000", "message": reason}
            else:
                results[i]["id"] = article.id
                results[i]["record"] = _stored_record(store, article)
    counts = {k: sum(r["status"] == k for r in results) for k in ("added", "skipped", "failed")}
    if counts["failed"] == len(results):
        first = results[0]["error"]
        raise ApiError(422, first["message"], code=first["code"], details=results)
    status = 201 if counts["added"] else 200
    return JSONResponse({"items": results, **counts}, status_code=status)
