"""Rendering for the CLI: rich tables for people, JSON and CSV for programs.

Kept apart from ``cli.py`` so commands stay one call each, and from the library, which never
prints.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

#: the columns a table shows per kind of row; JSON and CSV carry every field
COLUMNS: dict[str, list[str]] = {
    "events": ["when", "type", "mode", "status", "sources", "targets", "trigger", "place", "article"],
    "timeline": ["when", "type", "mode", "status", "sources", "targets", "trigger", "place", "article"],
    "commitments": ["when", "type", "status", "sources", "targets", "trigger", "commitment", "article"],
    "actors": ["name", "kind", "country", "sector", "roles", "aliases", "mentions", "articles"],
    "statements": ["speaker", "kind", "cue", "channel", "text", "time", "article"],
    "stances": ["holder", "kind", "cue", "negated", "text", "time", "article"],
    "claims": ["value", "qualifier", "unit", "per", "predicate", "claimed_by", "text", "article"],
    "eval": ["measure", "p", "r", "f1", "pred", "gold"],
    "commitment board": ["due", "status", "kind", "type", "sources", "targets", "trigger", "promised",
                         "fulfilled_total", "fulfilled_by", "article"],
    "schedule": ["date", "utc", "local", "tz", "summary", "place", "article"],
    "clusters": ["first_report", "type", "mode", "n_sources", "articles", "status_history", "disagreements"],
}


def commitment_row(c: dict[str, Any]) -> dict[str, Any]:
    """A commitment flattened for a table: the act it promises, its status and running total."""
    act = c.get("act") or c.get("agreement") or {}
    promised = c.get("promised")
    if isinstance(promised, dict):
        promised = f"{promised.get('value'):g} {promised.get('unit') or ''}".strip()
    return {
        "due": c.get("due"), "status": c.get("status"), "kind": c.get("kind"), "type": act.get("type"),
        "sources": act.get("sources"), "targets": act.get("targets"), "trigger": act.get("trigger"),
        "promised": promised, "fulfilled_total": c.get("fulfilled_total"),
        "fulfilled_by": [f"{f.get('article_id')}:{f.get('event_id')}" for f in c.get("fulfilled_by") or []],
        "article_title": (c.get("agreement") or {}).get("article_title"),
        "article_id": (c.get("agreement") or {}).get("article_id"),
    }


def _cell(row: dict[str, Any], col: str) -> str:
    if col == "when":
        t = row.get("time")
        return (t or {}).get("value") or "" if isinstance(t, dict) else str(t or "")
    if col == "trigger":
        trig = row.get("trigger")
        return trig.get("text") or "" if isinstance(trig, dict) else str(trig or "")
    if col == "place":
        place = row.get("place")
        return (place or {}).get("name") or "" if isinstance(place, dict) else str(place or "")
    if col == "article":
        return str(row.get("article_title") or row.get("article_id") or "")
    if col in ("status_history", "disagreements") and isinstance(row.get(col), list):
        return "; ".join(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v)
                         for v in row[col])
    value = row.get(col)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v is not None)
    if isinstance(value, float):
        return f"{value:.3f}" if col in ("p", "r", "f1") else f"{value:g}"
    return "" if value is None else str(value)


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def render_rows(kind: str, rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    if fmt == "csv":
        fields = sorted({k for r in rows for k in r}) if rows else COLUMNS.get(kind, [])
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _flat(v) for k, v in r.items()})
        return
    console = Console(width=160)
    table = Table(title=f"{kind} ({len(rows)})", show_lines=False)
    for col in COLUMNS.get(kind, sorted({k for r in rows for k in r})):
        table.add_column(col, overflow="fold", max_width=60 if col in ("text", "trigger") else 30)
    for r in rows:
        table.add_row(*(_cell(r, c) for c in COLUMNS.get(kind, sorted(r))))
    console.print(table)


def render_record_table(record: dict[str, Any]) -> None:
    """A person's view of one record: actors, events, statements, stances and claims with names resolved."""
    names = {a["id"]: a["name"] for a in record["actors"]}
    dates = {t["id"]: t.get("value") or t["text"] for t in record.get("timexes") or []}

    def named(ids: list[str] | str | None) -> Any:
        if isinstance(ids, list):
            return [names.get(i, i) for i in ids]
        return names.get(ids, ids) if ids else None

    doc = record["document"]
    console = Console(width=160)
    console.print(f"[bold]{doc.get('title') or doc['id']}[/bold]  published {doc.get('published')}")
    for w in doc.get("warnings", []):
        console.print(f"[yellow]warning:[/yellow] {w}")
    render_rows("actors", [{**a, "mentions": len(a["mentions"])} for a in record["actors"]], "table")
    render_rows("events", [{**e, "sources": named(e["sources"]), "targets": named(e["targets"])}
                           for e in record["events"]], "table")
    render_rows("statements", [{**s, "speaker": named(s["speaker"])} for s in record["statements"]], "table")
    render_rows("stances", [{**p, "holder": named(p["holder"]), "time": dates.get(p.get("time"), p.get("time"))}
                            for p in record.get("stances") or []], "table")  # absent from older records
    render_rows("claims", [{**c, "claimed_by": named(c["claimed_by"])} for c in record["claims"]], "table")


def render_summary(summary: Any) -> None:
    err = Console(stderr=True, width=160)
    err.print(f"ingested {summary.added} new, {summary.skipped} already stored, {len(summary.failed)} failed")
    if getattr(summary, "peak_rss_mb", None):
        err.print(f"workers: {summary.workers}, peak memory per worker: {summary.max_rss_mb:.0f} MB")
    for origin, reason in summary.failed:
        err.print(f"  failed: {origin}: {reason}", markup=False)
