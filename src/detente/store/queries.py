"""Read-side questions over the store, returned as plain dicts the CLI and the API can render.

Time windows use each item's *own* time when the text gave one (an event's ``time`` or a
statement's timex), else the article's publication date: "what happened in May" should find the
talks held on 16 May even when the report ran on 2 June. TIMEX3 values are compared as strings on
their first ten characters; a partial value ("2025-05", "2022") covers its whole month or year,
and non-date values ("PRESENT_REF", durations) fall back to the publication date.

Actor filters are a case-insensitive substring of the canonical name or of any alias, so
``--actor zelensky`` finds events of "Volodymyr Zelenskyy" in every outlet's spelling. (SQLite's
``lower()`` folds ASCII only: "Зеленський" matches as written, not in another letter case.)
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    case,
    cast,
    exists,
    func,
    or_,
    select,
    tuple_,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import Select
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.selectable import FromClause, Join

from detente.errors import DetenteError
from detente.store import schema
from detente.store.schema import ALL_TABLES, articles, event_actors
from detente.store.store import Store
from detente.validation import record_schema

# Table aliases: the public query functions take the plain names (events, actors, …).
actors_t, canon, claims_t = schema.actors, schema.canonical_actors, schema.claims
events_t, statements_t, timexes_t = schema.events, schema.statements, schema.timexes
stances_t = schema.stances

#: The codebook's stance kinds, read from the shipped JSON Schema so the two cannot drift apart.
STANCE_KINDS: tuple[str, ...] = tuple(
    record_schema()["properties"]["stances"]["items"]["properties"]["kind"]["enum"])

_BOUND_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Sorts after every digit and '-', so "2025-05~" (the end of a month-precision value) >= "2025-05-31".
_END_PAD = "~"


class QueryError(DetenteError):
    """A query argument that cannot be used; the message says the accepted form."""

    code = "E303"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class _LeftFirst(Join):
    """``left JOIN right``, with the loop over ``left`` kept outside on SQLite.

    "Newest events first, 50 at a time" walks ``ix_articles_published`` backwards and stops after
    a page; left to itself SQLite's planner loops over all events and sorts them (0.1 ms against
    80 ms at 120k events). Clustering looks events up by date the same way. SQLite keeps the
    written order of a ``CROSS JOIN``; other databases get a plain join and plan it themselves.
    """

    inherit_cache = True


def left_first(left: FromClause, right: FromClause, onclause: ColumnElement[bool]) -> Join:
    """A join that SQLite must drive from ``left`` (see :class:`_LeftFirst`)."""
    return _LeftFirst(left, right, onclause)


@compiles(_LeftFirst, "sqlite")
def _sqlite_cross_join(join: _LeftFirst, compiler: SQLCompiler, **kw: Any) -> str:
    kw["asfrom"] = True
    left = compiler.process(join.left, **kw)
    right = compiler.process(join.right, **kw)
    return f"{left} CROSS JOIN {right} ON {compiler.process(join.onclause, **kw)}"


def articles_first_pays(type: str | None = None, status: str | None = None, **_: Any) -> bool:
    """Whether to walk articles first: not with a type or status filter, since SQLite would then
    probe each article through the type or status index (all CONSULT events once per article:
    80 s at 10k articles) instead of the article's own few events."""
    return not type and not status


def events_by_article() -> Join:
    """The events joined to their articles, for queries ordered by publication date."""
    return left_first(articles, events_t, events_t.c.article_id == articles.c.id)


def _bound(value: str | date | None, name: str) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, date | datetime) else str(value).strip()
    text = text[:10]
    if not _BOUND_RE.match(text):
        raise QueryError(f"{name} {value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def _is_date(col: ColumnElement[Any]) -> ColumnElement[bool]:
    return func.substr(col, 1, 1).between("0", "9")


def _window(
    start: ColumnElement[Any], end: ColumnElement[Any], since: str | None, until: str | None
) -> list[ColumnElement[bool]]:
    """Overlap of [start, end] with [since, until], both ends inclusive at their own precision."""
    conds: list[ColumnElement[bool]] = []
    if since:
        conds.append(func.substr(end, 1, 10).concat(_END_PAD) >= since)
    if until:
        conds.append(func.substr(start, 1, 10) <= until + _END_PAD)
    return conds


def _event_span() -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """(start, end) of an event's own time, else the article's publication date."""
    value = case((_is_date(events_t.c.time_value), events_t.c.time_value), else_=None)
    start = func.coalesce(events_t.c.time_start, value, articles.c.published)
    end = func.coalesce(events_t.c.time_end, value, articles.c.published)
    return start, end


def _matching_actors(actor: str) -> Select[Any]:
    """Canonical actor ids whose name or any alias contains ``actor`` (case-insensitive)."""
    needle = actor.strip()
    return select(canon.c.id).where(
        or_(
            canon.c.name.icontains(needle, autoescape=True),
            cast(canon.c.aliases, Text).icontains(needle, autoescape=True),
        )
    )


def _actor_names(conn: Any, article_ids: set[str]) -> dict[tuple[str, str], str]:
    """(article_id, local actor id) -> canonical name (the local name if unresolved)."""
    if not article_ids:
        return {}
    query = (
        select(actors_t.c.article_id, actors_t.c.id, actors_t.c.name, canon.c.name.label("canonical"))
        .select_from(actors_t.outerjoin(canon, actors_t.c.canonical_id == canon.c.id))
        .where(actors_t.c.article_id.in_(article_ids))
    )
    return {(r.article_id, r.id): r.canonical or r.name for r in conn.execute(query)}


def _article_cols() -> list[Any]:
    return [
        articles.c.title.label("article_title"),
        articles.c.source.label("article_source"),
        articles.c.url.label("article_url"),
        articles.c.published,
    ]


def _event_dict(r: Any, names: dict[tuple[str, str], str]) -> dict[str, Any]:
    aid = r.article_id

    def name(local: str | None) -> str | None:
        return None if local is None else names.get((aid, local), local)

    time = None
    if r.time_value or r.time_start or r.time_timex:
        time = {"timex": r.time_timex, "value": r.time_value, "start": r.time_start, "end": r.time_end}
    place = None
    if r.place_name or r.place_country:
        place = {"name": r.place_name, "country": r.place_country, "lat": r.place_lat,
                 "lon": r.place_lon, "geonames": r.place_geonames}
    span = None if r.trigger_start is None else [r.trigger_start, r.trigger_end]
    return {
        "article_id": aid, "id": r.id, "type": r.type, "mode": r.mode, "cameo": r.cameo,
        "status": r.status, "negated": bool(r.negated), "time": time, "place": place,
        "sources": [name(a) for a in r.sources or []], "targets": [name(a) for a in r.targets or []],
        "reported_by": name(r.reported_by), "about": r.about, "condition": r.condition,
        "trigger": {"text": r.trigger_text, "span": span}, "sentence": r.sentence,
        "evidence": r.evidence or [], "confidence": r.confidence,
        "article_title": r.article_title, "article_source": r.article_source,
        "article_url": r.article_url, "published": r.published,
    }


def _select_events(
    conds: list[ColumnElement[bool]], order: list[Any], limit: int | None, store: Store, joined: Join | None = None,
) -> list[dict[str, Any]]:
    query = (
        select(events_t, *_article_cols())
        .select_from(joined if joined is not None else events_t.join(articles, events_t.c.article_id == articles.c.id))
        .where(*conds)
        .order_by(*order)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        names = _actor_names(conn, {r.article_id for r in rows})
    return [_event_dict(r, names) for r in rows]


#: Above this many event links, an actor counts as frequent for :func:`_involves_any`.
FREQUENT_LINKS = 2_000


def actor_is_frequent(conn: Any, actor: str | None) -> bool:
    """Whether the actors matching ``actor`` take part in many events (one indexed count)."""
    if not actor:
        return False
    query = select(func.count()).select_from(event_actors).where(
        event_actors.c.canonical_id.in_(_matching_actors(actor)))
    return int(conn.execute(query).scalar_one()) > FREQUENT_LINKS


def _involves_any(actor: str, frequent: bool) -> ColumnElement[bool]:
    """Events with an actor matching ``actor``, written for the planner's sake two ways.

    A rare actor: a row-value ``IN`` over its few links, read once (a correlated ``EXISTS`` would
    probe every event of the store: 0.2 s at 120k events). A frequent one: that ``EXISTS``,
    because a page of the newest events then stops after a few dozen probes, while the ``IN``
    would first build an index of tens of thousands of links (11 ms against 250 ms).
    """
    matching = event_actors.c.canonical_id.in_(_matching_actors(actor))
    if frequent:
        return exists().where(event_actors.c.article_id == events_t.c.article_id,
                              event_actors.c.event_id == events_t.c.id, matching)
    links = select(event_actors.c.article_id, event_actors.c.event_id).where(matching)
    return tuple_(events_t.c.article_id, events_t.c.id).in_(links)


def _event_filters(
    actor: str | None, type: str | None, status: str | None, since: str | date | None,
    until: str | date | None, frequent: bool = False,
) -> list[ColumnElement[bool]]:
    """The event filters of the CLI and the API; ``frequent``: see :func:`actor_is_frequent`."""
    conds: list[ColumnElement[bool]] = []
    if actor:
        conds.append(_involves_any(actor, frequent))
    if type:
        conds.append(events_t.c.type == type.strip().upper())
    if status:
        conds.append(events_t.c.status == status.strip().lower())
    start, end = _event_span()
    conds += _window(start, end, _bound(since, "since"), _bound(until, "until"))
    return conds


def _frequent(store: Store, actor: str | None) -> bool:
    if not actor:
        return False
    with store.engine.connect() as conn:
        return actor_is_frequent(conn, actor)


def events(
    store: Store, actor: str | None = None, type: str | None = None, status: str | None = None,
    since: str | date | None = None, until: str | date | None = None, limit: int | None = None,
) -> list[dict[str, Any]]:
    """Events with actor names and their source article, newest article first."""
    conds = _event_filters(actor, type, status, since, until, _frequent(store, actor))
    order = [articles.c.published.desc(), events_t.c.article_id, events_t.c.sentence, events_t.c.id]
    return _select_events(conds, order, limit, store,
                          events_by_article() if articles_first_pays(type, status) else None)


def timeline(
    store: Store, actor: str | None = None, type: str | None = None, status: str | None = None,
    since: str | date | None = None, until: str | date | None = None, limit: int | None = None,
) -> list[dict[str, Any]]:
    """Events in the order they happened (or are to happen), then by publication date."""
    conds = _event_filters(actor, type, status, since, until, _frequent(store, actor))
    start, _ = _event_span()
    order = [func.substr(start, 1, 10), articles.c.published, events_t.c.article_id, events_t.c.sentence]
    return _select_events(conds, order, limit, store)


def open_commitments(store: Store) -> list[dict[str, Any]]:
    """Planned events and AGREE events whose ``about`` event is planned, ordered by when they fall due.

    Each dict is an event (as in :func:`events`) plus ``commitment`` ("planned" or "agreement")
    and, for agreements, ``about_event``: the planned act it commits to.
    """
    about = events_t.alias("about_ev")
    agreement = and_(
        events_t.c.type == "AGREE",
        exists().where(
            about.c.article_id == events_t.c.article_id,
            about.c.id == events_t.c.about,
            about.c.status == "planned",
        ),
    )
    start, _ = _event_span()
    rows = _select_events(
        [or_(events_t.c.status == "planned", agreement)],
        [func.substr(start, 1, 10), articles.c.published, events_t.c.article_id, events_t.c.id],
        None,
        store,
    )
    by_key = {(e["article_id"], e["id"]): e for e in rows}
    out = []
    for ev in rows:
        target = by_key.get((ev["article_id"], ev["about"])) if ev["type"] == "AGREE" else None
        is_agreement = target is not None and target["status"] == "planned"
        out.append({**ev, "commitment": "agreement" if is_agreement else "planned",
                    "about_event": target if is_agreement else None})
    return out


def actors(
    store: Store, name: str | None = None, country: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Canonical actors with how often and in how many articles they appear, most frequent first."""
    # Aggregate in a subquery: PostgreSQL cannot GROUP BY the json columns of canonical_actors.
    counts = (
        select(
            actors_t.c.canonical_id,
            func.count(func.distinct(actors_t.c.article_id)).label("n_articles"),
            func.sum(actors_t.c.n_mentions).label("n_mentions"),
        )
        .group_by(actors_t.c.canonical_id)
        .subquery()
    )
    n_articles = func.coalesce(counts.c.n_articles, 0).label("articles")
    n_mentions = func.coalesce(counts.c.n_mentions, 0).label("mentions")
    query = (
        select(canon, n_articles, n_mentions)
        .select_from(canon.outerjoin(counts, counts.c.canonical_id == canon.c.id))
        .order_by(n_articles.desc(), n_mentions.desc(), canon.c.name)
        .limit(limit)
    )
    if name:
        query = query.where(canon.c.id.in_(_matching_actors(name)))
    if country:
        query = query.where(canon.c.country == country.strip().upper())
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    keys = ("id", "name", "kind", "country", "sector", "wikidata", "roles", "aliases", "articles", "mentions")
    return [{k: row[k] for k in keys} for row in rows]


def _attributed_select(
    table: Any, ref: str, actor: str | None, since: str | date | None, until: str | date | None,
    actor_id: int | None,
) -> tuple[Select[Any], list[Any]]:
    """Rows of a per-article table that names an actor in column ``ref`` (a speaker, a holder) and a
    timex in ``time``: with the actor's canonical name and id (``<ref>_name``, ``<ref>_id``) and the
    timex value, filtered by actor and dates, ordered by the row's own date, else the publication
    date."""
    who = actors_t.alias(ref)
    own_time = case((_is_date(timexes_t.c.value), timexes_t.c.value), else_=None)
    when = func.coalesce(own_time, articles.c.published)
    query = (
        select(table, func.coalesce(canon.c.name, who.c.name).label(f"{ref}_name"),
               who.c.canonical_id.label(f"{ref}_id"), timexes_t.c.value.label("time_value"),
               *_article_cols())
        .select_from(
            table.join(articles, table.c.article_id == articles.c.id)
            .outerjoin(who, and_(who.c.article_id == table.c.article_id, who.c.id == table.c[ref]))
            .outerjoin(canon, canon.c.id == who.c.canonical_id)
            .outerjoin(timexes_t, and_(timexes_t.c.article_id == table.c.article_id,
                                       timexes_t.c.id == table.c.time))
        )
        .where(*_window(when, when, _bound(since, "since"), _bound(until, "until")))
    )
    if actor:
        query = query.where(who.c.canonical_id.in_(_matching_actors(actor)))
    if actor_id is not None:
        query = query.where(who.c.canonical_id == actor_id)
    return query, [func.substr(when, 1, 10), table.c.article_id, table.c.start]


def statement_select(
    actor: str | None = None, since: str | date | None = None, until: str | date | None = None,
    actor_id: int | None = None,
) -> tuple[Select[Any], list[Any]]:
    """The filtered select behind ``detente statements`` and ``GET /statements``, and its order:
    by when it was said (the statement's own date, else the publication date)."""
    return _attributed_select(statements_t, "speaker", actor, since, until, actor_id)


def statement_dict(r: Any) -> dict[str, Any]:
    return {"article_id": r["article_id"], "id": r["id"], "text": r["text"], "span": [r["start"], r["end"]],
            "kind": r["kind"], "speaker": r["speaker_name"], "speaker_id": r["speaker_id"], "cue": r["cue"],
            "channel": r["channel"], "time": r["time_value"], "article_title": r["article_title"],
            "article_source": r["article_source"], "article_url": r["article_url"], "published": r["published"]}


def statements(
    store: Store, actor: str | None = None, since: str | date | None = None,
    until: str | date | None = None, limit: int | None = None,
) -> list[dict[str, Any]]:
    """What was said, by whom (canonical speaker name), when, and in which article."""
    query, order = statement_select(actor, since, until)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(*order).limit(limit)).mappings().all()
    return [statement_dict(r) for r in rows]


def stance_kind(kind: str | None) -> str | None:
    """``kind`` checked against the codebook's stance kinds, so a typo is an error, not zero rows."""
    if kind is None:
        return None
    folded = kind.strip().lower()
    if folded not in STANCE_KINDS:
        raise QueryError(f"kind {kind!r} is not a stance kind; use one of {', '.join(STANCE_KINDS)}")
    return folded


def stance_select(
    actor: str | None = None, kind: str | None = None, since: str | date | None = None,
    until: str | date | None = None, actor_id: int | None = None,
) -> tuple[Select[Any], list[Any]]:
    """The filtered select behind ``detente stances`` and ``GET /stances``, and its order: by when
    the position is dated (the stance's own timex, else the publication date), as statements are."""
    query, order = _attributed_select(stances_t, "holder", actor, since, until, actor_id)
    folded = stance_kind(kind)
    if folded:
        query = query.where(stances_t.c.kind == folded)
    return query, order


def _pair(start: int | None, end: int | None) -> list[int] | None:
    return None if start is None else [start, end]


def stance_dict(r: Any) -> dict[str, Any]:
    return {"article_id": r["article_id"], "id": r["id"], "text": r["text"], "span": [r["start"], r["end"]],
            "kind": r["kind"], "holder": r["holder_name"], "holder_id": r["holder_id"],
            "holder_span": _pair(r["holder_start"], r["holder_end"]), "cue": r["cue"],
            "cue_span": [r["cue_start"], r["cue_end"]], "negated": bool(r["negated"]), "time": r["time_value"],
            "article_title": r["article_title"], "article_source": r["article_source"],
            "article_url": r["article_url"], "published": r["published"]}


def stances(
    store: Store, actor: str | None = None, kind: str | None = None, since: str | date | None = None,
    until: str | date | None = None, limit: int | None = None,
) -> list[dict[str, Any]]:
    """Positions held (beliefs, wishes, plans, support, opposition, findings …), by whom (canonical
    holder name), when, and in which article."""
    query, order = stance_select(actor, kind, since, until)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(*order).limit(limit)).mappings().all()
    return [stance_dict(r) for r in rows]


def claim_select(
    actor: str | None = None, since: str | date | None = None, until: str | date | None = None,
) -> tuple[Select[Any], list[Any]]:
    """The filtered select behind ``detente claims`` and ``GET /claims``, and its order (by
    publication date: a figure is claimed when it is printed)."""
    by = actors_t.alias("claimant")
    published = articles.c.published
    query = (
        select(claims_t, func.coalesce(canon.c.name, by.c.name).label("claimant"), *_article_cols())
        .select_from(
            claims_t.join(articles, claims_t.c.article_id == articles.c.id)
            .outerjoin(by, and_(by.c.article_id == claims_t.c.article_id, by.c.id == claims_t.c.claimed_by))
            .outerjoin(canon, canon.c.id == by.c.canonical_id)
        )
        .where(*_window(published, published, _bound(since, "since"), _bound(until, "until")))
    )
    if actor:
        query = query.where(by.c.canonical_id.in_(_matching_actors(actor)))
    return query, [articles.c.published, claims_t.c.article_id, claims_t.c.start]


def claim_dict(r: Any) -> dict[str, Any]:
    return {"article_id": r["article_id"], "id": r["id"], "text": r["text"], "span": [r["start"], r["end"]],
            "value": _number(r["value"]), "qualifier": r["qualifier"], "unit": r["unit"], "per": r["per"],
            "predicate": r["predicate"], "claimed_by": r["claimant"], "about": r["about"],
            "article_title": r["article_title"], "article_source": r["article_source"],
            "article_url": r["article_url"], "published": r["published"]}


def claims(
    store: Store, actor: str | None = None, since: str | date | None = None,
    until: str | date | None = None, limit: int | None = None,
) -> list[dict[str, Any]]:
    """Numeric claims with who asserts them (None: the outlet itself), by publication date."""
    query, order = claim_select(actor, since, until)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(*order).limit(limit)).mappings().all()
    return [claim_dict(r) for r in rows]


def _number(value: float | None) -> float | int | None:
    """5000.0 -> 5000: the column is a float, but most counts in the news are whole numbers."""
    return int(value) if value is not None and float(value).is_integer() else value


def stats(store: Store) -> dict[str, int]:
    """Row count per table, for ``detente db stats`` and for checking an ingest did what it said."""
    with store.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in ALL_TABLES}
