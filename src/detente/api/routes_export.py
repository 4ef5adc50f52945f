"""Downloads: events as CSV, JSON Lines or Parquet, the schedule as iCalendar.

CSV and JSONL are written here, streamed page by page with the same filters as ``GET /events``, so
a large store is never held in memory at once. Parquet comes from ``detente.export`` and iCalendar
from ``detente.story`` when those are installed (else 501). CSV cells that a spreadsheet would run
as a formula (``=``, ``+``, ``-``, ``@`` at the start of a text) are prefixed with ``'``: article
text is untrusted input.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import Response, StreamingResponse

from detente.api import pages, story
from detente.api.errors import ApiError, error_responses
from detente.api.routes_read import ActorQ, SinceQ, SourceQ, StatusQ, StoreD, TypeQ, UntilQ
from detente.store.store import Store

router = APIRouter()
CHUNK = 2000
CSV_COLUMNS = ("article_id", "id", "type", "mode", "cameo", "status", "negated", "time", "place",
               "sources", "targets", "reported_by", "about", "condition", "trigger", "confidence",
               "published", "article_title", "article_source", "article_url")


def _all_events(store: Store, filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        page = pages.events(store, order="time", limit=CHUNK, offset=offset, **filters)
        yield from page.items
        offset += CHUNK
        if offset >= page.total or not page.items:
            return


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_row(ev: dict[str, Any]) -> list[Any]:
    flat = dict(ev)
    flat["time"] = (ev.get("time") or {}).get("value")
    flat["place"] = (ev.get("place") or {}).get("name")
    flat["trigger"] = (ev.get("trigger") or {}).get("text")
    return [_cell(flat.get(col)) for col in CSV_COLUMNS]


def _filters(**kw: Any) -> dict[str, Any]:
    return kw


@router.get("/export.csv", response_class=StreamingResponse, responses=error_responses(400, 422),
            tags=["export"])
def export_csv(store: StoreD, actor: ActorQ = None, type: TypeQ = None, status: StatusQ = None,
               since: SinceQ = None, until: UntilQ = None, source: SourceQ = None) -> StreamingResponse:
    """Events as CSV, one row per event, in timeline order."""
    filters = _filters(actor=actor, type=type, status=status, since=since, until=until, source=source)
    pages.event_conditions(**filters)  # a bad filter fails here, as JSON, before the stream starts

    def rows() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(CSV_COLUMNS)
        for ev in _all_events(store, filters):
            writer.writerow(_csv_row(ev))
            if buf.tell() > 64_000:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/export.jsonl", response_class=StreamingResponse, responses=error_responses(400, 422),
            tags=["export"])
def export_jsonl(store: StoreD, actor: ActorQ = None, type: TypeQ = None, status: StatusQ = None,
                 since: SinceQ = None, until: UntilQ = None, source: SourceQ = None) -> StreamingResponse:
    """Events as JSON Lines (one event object a line, as in ``GET /events``)."""
    filters = _filters(actor=actor, type=type, status=status, since=since, until=until, source=source)
    pages.event_conditions(**filters)
    lines = (json.dumps(ev, ensure_ascii=False) + "\n" for ev in _all_events(store, filters))
    return StreamingResponse(lines, media_type="application/x-ndjson",
                             headers={"Content-Disposition": 'attachment; filename="events.jsonl"'})


ParquetTable = Literal["articles", "canonical_actors", "actors", "timexes", "statements", "stances", "events",
                       "event_actors", "claims"]


@router.get("/export.parquet", responses=error_responses(404, 422, 501), tags=["export"],
            response_class=Response)
def export_parquet(store: StoreD, table: ParquetTable = "events") -> Response:
    """One table of the store as Parquet (default: events), written by ``detente.export``."""
    fn = story.require("export_store", "Parquet export")
    with tempfile.TemporaryDirectory(prefix="detente-export-") as tmp:
        try:
            written = story.call(fn, store, Path(tmp), "parquet", include_text=False)
        except (ImportError, NotImplementedError) as err:
            raise ApiError(501, f"Parquet export is not available: {err}") from err
        found = written.get(table) if isinstance(written, dict) else None
        path = Path(found[0]) if found else Path(tmp) / f"{table}.parquet"
        if not path.is_file():
            raise ApiError(404, f"the export wrote no {table!r} table")
        data = path.read_bytes()
    return Response(data, media_type="application/vnd.apache.parquet",
                    headers={"Content-Disposition": f'attachment; filename="{table}.parquet"'})


@router.get("/export.ics", responses=error_responses(501), tags=["export"], response_class=Response)
def export_ics(store: StoreD) -> Response:
    """The schedule of planned events as iCalendar, to subscribe to from a calendar app."""
    schedule = story.require("schedule", "the schedule")
    to_ical = story.require("to_ical", "iCalendar export")
    data = to_ical(list(schedule(store)))
    body = data if isinstance(data, bytes) else str(data).encode("utf-8")
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="schedule.ics"'})
