"""Many-row inserts without SQLAlchemy's per-row parameter processing, where that is safe.

An ingest writes ~70 rows per article (band keys, actors, mentions, events, their actors …) in one
``executemany`` per table. ``Connection.execute(table.insert(), rows)`` builds a parameter dict per
row through the compiled statement (``construct_params``): ~0.25 ms per article, about 2% of the
parse. On SQLite, whose driver takes positional parameters, the statement is compiled once per
batch and the rows go to the driver as tuples, each value passed through its column type's own
bind processor (JSON columns are serialized exactly as SQLAlchemy would).

Anything else takes the ordinary path: another dialect, rows whose keys differ, or a statement the
compiler completes with columns the rows do not name (Python-side defaults). Both paths write the
same rows; ``tests/store/test_bulk.py`` compares them table by table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table

#: set to False to force the ordinary path (the equivalence test does)
ENABLED = True


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """``conn.execute(table.insert(), rows)``, faster on SQLite (see the module docstring)."""
    if not rows:
        return
    fast = _fast_plan(conn, table, rows) if ENABLED else None
    if fast is None:
        conn.execute(table.insert(), list(rows))
        return
    sql, keys, procs = fast
    get = itemgetter(*keys)
    params = [(get(r),) for r in rows] if len(keys) == 1 else [get(r) for r in rows]
    convert = [(i, proc) for i, proc in enumerate(procs) if proc is not None]
    if convert:  # only JSON columns on SQLite: a few values per row
        for n, values in enumerate(params):
            row = list(values)
            for i, proc in convert:
                row[i] = proc(row[i])
            params[n] = tuple(row)
    conn.exec_driver_sql(sql, params)


def _fast_plan(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]]
) -> tuple[str, list[str], list[Callable[[Any], Any] | None]] | None:
    """(SQL, keys in parameter order, bind processors), or None when the fast path does not apply."""
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        return None
    keys = list(rows[0])
    first = set(keys)
    if any(len(r) != len(keys) or r.keys() != first for r in rows):
        return None
    compiled = table.insert().compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup or ())
    if set(order) != first or len(order) != len(keys):
        return None  # the compiler added defaults or renamed a parameter
    procs = [table.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in order]
    return str(compiled), order, procs
