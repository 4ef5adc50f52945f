"""Read endpoints: the store's events, actors, statements, stances, claims and articles, paged.

Filters mirror the CLI's options (``actor``, ``type``, ``status``, ``since``, ``until``) so a query
moves between the terminal and the browser unchanged; every list answers the same envelope
``{"items", "total", "limit", "offset"}``. Story features (commitments, schedule, clusters) come
from ``detente.story`` when it is installed, else a 501 (see ``detente.api.story``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel

from detente.api import network as network_mod
from detente.api import pages, story
from detente.api.errors import ApiError, error_responses
from detente.store import queries
from detente.store.store import Store

router = APIRouter()

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_LIMIT = 1000
Status = Literal["occurred", "ongoing", "planned", "possible", "not_occurred", "denied"]

ActorQ = Annotated[str | None, Query(max_length=200, description="Actor name or alias (substring).")]
TypeQ = Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. CONSULT.")]
StatusQ = Annotated[Status | None, Query(description="Factuality of the event.")]
#: The codebook's stance kinds (``queries.STANCE_KINDS``, read from the record schema; a test keeps them equal).
StanceKind = Literal["belief", "desire", "intention", "support", "opposition", "finding", "topic", "characterization",
                     "attributed"]
StanceKindQ = Annotated[StanceKind | None, Query(description="What kind of position: belief, desire, …")]
SinceQ = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY[-MM[-DD]], inclusive.")]
UntilQ = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY[-MM[-DD]], inclusive.")]
SourceQ = Annotated[str | None, Query(max_length=200, description="Article source (substring).")]
ERRORS = error_responses(400, 422)


def DayQuery(description: str) -> Any:
    """A calendar day as a string: pydantic's ``date`` would also accept "0" as a Unix timestamp."""
    return Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description=description, json_schema_extra={"format": "date"})


def _day(value: str | None, name: str) -> str | None:
    """Check a day is on the calendar (the pattern lets "2025-02-31" through)."""
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ApiError(400, f"{name} {value!r} is not a calendar day; write YYYY-MM-DD") from None
    return value


class PageOut(BaseModel):
    """The envelope of every list: one page of items and the size of the whole result."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class Paging:
    """``limit`` and ``offset`` query parameters, bounded so one request cannot ask for everything."""

    def __init__(self, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
                 offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> None:
        self.limit = limit
        self.offset = offset

    def slice(self, items: list[Any]) -> dict[str, Any]:
        """Page a list computed in Python (story features return whole lists)."""
        chunk = items[self.offset:self.offset + self.limit]
        return {"items": jsonable_encoder(chunk), "total": len(items), "limit": self.limit, "offset": self.offset}


PagingQ = Annotated[Paging, Depends()]


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreD = Annotated[Store, Depends(get_store)]


@router.get("/events", response_model=PageOut, responses=ERRORS, tags=["read"])
def list_events(store: StoreD, paging: PagingQ, actor: ActorQ = None, type: TypeQ = None,
                status: StatusQ = None, since: SinceQ = None, until: UntilQ = None, source: SourceQ = None,
                order: Literal["published", "time"] = "published") -> dict[str, Any]:
    """Events with actor names and their article; ``order=time`` gives the timeline order."""
    return pages.events(store, order=order, limit=paging.limit, offset=paging.offset, actor=actor, type=type,
                        status=status, since=since, until=until, source=source).envelope()


@router.get("/actors", response_model=PageOut, responses=ERRORS, tags=["read"])
def list_actors(store: StoreD, paging: PagingQ, actor: ActorQ = None,
                country: Annotated[str | None, Query(max_length=3, description="ISO alpha-3.")] = None,
                ) -> dict[str, Any]:
    """Canonical actors across articles, most articles first."""
    return pages.actors(store, actor=actor, country=country, limit=paging.limit, offset=paging.offset).envelope()


@router.get("/actors/{actor_id}", responses=error_responses(404, 422), tags=["read"])
def get_actor(store: StoreD, actor_id: Annotated[int, Path(ge=1, le=2**62)],
              limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 200) -> dict[str, Any]:
    """One canonical actor: roles, aliases, what it said, the positions it holds and the events it takes part in."""
    found = pages.actor(store, actor_id)
    if found is None:
        raise ApiError(404, f"no actor with id {actor_id}; list them at /actors")
    said = pages.statements(store, actor_id=actor_id, limit=limit)
    held = pages.stances(store, actor_id=actor_id, limit=limit)
    did = pages.events(store, actor_id=actor_id, order="time", limit=limit)
    return {**found, "statements": said.envelope(), "stances": held.envelope(), "events": did.envelope()}


@router.get("/statements", response_model=PageOut, responses=ERRORS, tags=["read"])
def list_statements(store: StoreD, paging: PagingQ, actor: ActorQ = None, since: SinceQ = None,
                    until: UntilQ = None) -> dict[str, Any]:
    """Who said what, with the exact words, in the order said."""
    return pages.statements(store, actor=actor, since=since, until=until, limit=paging.limit,
                            offset=paging.offset).envelope()


@router.get("/stances", response_model=PageOut, responses=ERRORS, tags=["read"])
def list_stances(store: StoreD, paging: PagingQ, actor: ActorQ = None, kind: StanceKindQ = None,
                 since: SinceQ = None, until: UntilQ = None) -> dict[str, Any]:
    """Positions someone holds rather than says (beliefs, wishes, plans, support, opposition, findings),
    with the holder, the cue and the spans, in the order dated."""
    return pages.stances(store, actor=actor, kind=kind, since=since, until=until, limit=paging.limit,
                         offset=paging.offset).envelope()


@router.get("/claims", response_model=PageOut, responses=ERRORS, tags=["read"])
def list_claims(store: StoreD, paging: PagingQ, actor: ActorQ = None, since: SinceQ = None,
                until: UntilQ = None) -> dict[str, Any]:
    """Numeric claims and who asserts them."""
    return pages.claims(store, actor=actor, since=since, until=until, limit=paging.limit,
                        offset=paging.offset).envelope()


@router.get("/articles/{article_id:path}", responses=error_responses(404), tags=["read"])
def get_article(store: StoreD, article_id: str) -> dict[str, Any]:
    """The stored record of one article and its text (all offsets index into ``text``)."""
    record = store.get_record(article_id)
    if record is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return {"id": article_id, "text": record["document"]["text"], "record": record}


@router.get("/network", responses=ERRORS, tags=["read"])
def get_network(store: StoreD, actor: ActorQ = None, type: TypeQ = None, status: StatusQ = None,
                since: SinceQ = None, until: UntilQ = None, source: SourceQ = None,
                max_nodes: Annotated[int, Query(ge=1, le=200)] = 40) -> dict[str, Any]:
    """Who acts on whom: actors and source→target edges scored from cooperation (+1) to conflict (-1)."""
    return network_mod.network(store, max_nodes=max_nodes, actor=actor, type=type, status=status,
                               since=since, until=until, source=source)


@router.get("/stats", tags=["read"])
def get_stats(store: StoreD) -> dict[str, int]:
    """Row counts per table: what the store holds."""
    return queries.stats(store)


@router.get("/commitments", response_model=PageOut, responses=error_responses(400, 422, 501),
            tags=["story"])
def list_commitments(
    store: StoreD, paging: PagingQ,
    status: Annotated[Literal["open", "partly_fulfilled", "fulfilled", "broken", "overdue"] | None,
                      Query()] = None,
    today: Annotated[str | None, DayQuery("Judge as of this day (default: the newest article's).")] = None,
    horizon_days: Annotated[int, Query(ge=0, le=36500, description="Days after a promise without a date of "
                                                                   "its own in which an act can still keep it.")] = 365,
) -> dict[str, Any]:
    """Agreements and planned acts followed over time, with their fulfilment and running totals."""
    fn = story.require("commitments", "the commitments board")
    return paging.slice(list(story.call(fn, store, status=status, today=_day(today, "today"),
                                        horizon_days=horizon_days)))


@router.get("/schedule", response_model=PageOut, responses=error_responses(400, 422, 501), tags=["story"])
def list_schedule(store: StoreD, paging: PagingQ,
                  since: Annotated[str | None, DayQuery("From this day on.")] = None) -> dict[str, Any]:
    """Planned events with a resolved time, in time order."""
    fn = story.require("schedule", "the schedule")
    return paging.slice(list(story.call(fn, store, since=_day(since, "since"))))


@router.get("/clusters", response_model=PageOut, responses=error_responses(400, 422, 501), tags=["story"])
def list_clusters(
    store: StoreD, paging: PagingQ,
    min_articles: Annotated[int, Query(ge=1, le=1000, description="2: only cross-article clusters.")] = 1,
    disputed: Annotated[bool, Query(description="Only clusters whose reports disagree.")] = False,
) -> dict[str, Any]:
    """Reports of the same real event across articles, with their disagreements."""
    fn = story.require("clusters", "event clustering", "list_clusters", "event_clusters")
    return paging.slice(list(story.call(fn, store, min_articles=min_articles, disputed=disputed or None)))
