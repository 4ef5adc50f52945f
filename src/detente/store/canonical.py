"""Cross-article actor identity: one canonical actor however outlets spell the name.

The key is deliberately simple so that anyone can predict a merge:

1. the actor dictionary's Wikidata Q-id when the record has one (``Q3881417``);
2. else the *name key*: Unicode-decomposed and stripped of accents, case-folded, punctuation
   removed, a leading "the" dropped, and every word ending in ``iy``/``yy``/``ii``/``yi``/``ij``
   folded to ``y`` — the common transliteration variants of Slavic names, so "Zelenskyy",
   "Zelensky", "Zelenskiy" and "Zelenskii" share the key ``zelensky``.

An actor with a Q-id also matches an existing canonical actor with the same name key (a record
from an article the dictionary did not cover), and vice versa. Spelling variants beyond word
endings (Kyiv/Kiev, Umerov/Umyerov) merge only through the dictionary's Q-id; surname-only names
("Zelensky" alone) stay apart from full names, since a surname is not an identity.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, RowMapping, bindparam, select, update
from sqlalchemy.exc import IntegrityError

from detente.store.schema import canonical_actors, next_ids

_NON_WORD = re.compile(r"[^0-9a-z]+")
_ENDING = re.compile(r"(?:iy|yy|ii|yi|ij)$")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The transliteration-tolerant key of a name (see the module docstring for the rules).

    Cached: a batch looks every actor's key up several times, and news repeats the same names."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = folded.replace("'", "").replace("’", "")
    words = _NON_WORD.sub(" ", folded).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_ENDING.sub("y", w) for w in words)


def actor_key(actor: dict[str, Any]) -> str:
    """The canonical key: the Wikidata Q-id if known, else the name key."""
    return actor.get("wikidata") or name_key(actor["name"])


def _merge_lists(old: list[str] | None, new: list[str] | None, exclude: str = "") -> list[str]:
    out = [item for item in old or [] if item != exclude]
    for item in new or []:
        if item and item != exclude and item not in out:
            out.append(item)
    return out


class Canonicals:
    """The canonical actors of one write transaction, resolved in memory and written once.

    A batch of articles names the same few actors again and again (every report of a war names
    both states); looking each mention up, inserting it under its own savepoint and updating it
    in its own statement was most of the cost of storing an article. :meth:`prefetch` reads every
    canonical actor the batch can match in one query; :meth:`resolve` decides each actor in
    memory (new rows get provisional negative ids); :meth:`flush` writes the enriched rows in one
    ``executemany`` and the new ones in another, with ids reserved in the order they were met.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.by_key: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, dict[str, Any]] = {}
        self.complete: set[str] = set()  # keys and name keys whose absence from the store is known
        self.new: dict[int, dict[str, Any]] = {}  # provisional id (negative) -> row to insert
        self.dirty: dict[int, dict[str, Any]] = {}  # stored rows enriched by this batch, by id

    def prefetch(self, actors: list[dict[str, Any]]) -> None:
        keys = {actor_key(a) for a in actors} - self.complete
        nkeys = {name_key(a["name"]) for a in actors} - self.complete
        if not keys and not nkeys:
            return
        query = select(canonical_actors).where(
            canonical_actors.c.key.in_(keys) | canonical_actors.c.name_key.in_(nkeys)
        ).order_by(canonical_actors.c.id)
        for row in self.conn.execute(query).mappings():
            self.remember(dict(row))
        self.complete |= keys | nkeys

    def remember(self, row: dict[str, Any]) -> None:
        self.by_key[row["key"]] = row
        self.by_name.setdefault(row["name_key"], row)  # the oldest row of a name key, as _find orders

    def find(self, key: str, nkey: str) -> dict[str, Any] | None:
        """By key first (Q-id or name key), then by name key (a Q-id actor met without its Q-id)."""
        row = self.by_key.get(key)
        if row is None and key not in self.complete:
            row = _find(self.conn, key, nkey)
        if row is None:
            row = self.by_name.get(nkey)
            if row is None and nkey not in self.complete:
                row = _find(self.conn, key, nkey)
        if row is not None:
            self.remember(row)
        return row

    def resolve(self, actor: dict[str, Any]) -> int:
        """The canonical id of a record's actor: a stored row (enriched in memory) or a new one
        with a provisional negative id until :meth:`flush`.

        Enrichment only adds: new aliases and roles are appended; country, sector, kind and Q-id
        are filled where the canonical actor had none. The first name seen stays the canonical
        name unless a later record brings a Q-id, whose name is then the dictionary's and wins.
        """
        key, nkey = actor_key(actor), name_key(actor["name"])
        row = self.find(key, nkey)
        if row is None:
            row = {
                "id": -(len(self.new) + 1), "key": key, "name_key": nkey, "name": actor["name"],
                "kind": actor.get("kind"), "country": actor.get("country"), "sector": actor.get("sector"),
                "wikidata": actor.get("wikidata"), "roles": list(actor.get("roles") or []),
                "aliases": [a for a in actor.get("aliases") or [] if a != actor["name"]],
            }
            self.new[row["id"]] = row
            self.remember(row)
            return row["id"]
        old_key = row["key"]
        if _enrich(row, actor):
            if row["id"] > 0:
                self.dirty[row["id"]] = row
            if row["key"] != old_key:
                self.by_key.pop(old_key, None)
            self.remember(row)
        return row["id"]

    def flush(self) -> dict[int, int]:
        """Write the batch's enriched and new rows; returns provisional id -> stored id.

        Enriched rows go first, in id order (two concurrent writers lock shared rows in the same
        order, so they cannot deadlock), then the new ones, under a savepoint: on PostgreSQL a
        concurrent ingest may have created one of the same keys meanwhile; its row is then read
        and enriched instead, and the insert retried.
        """
        if self.dirty:
            stmt = update(canonical_actors).where(canonical_actors.c.id == bindparam("_id")).values(
                {c: bindparam(c) for c in _MUTABLE})
            rows = [self.dirty[i] for i in sorted(self.dirty)]
            self.conn.execute(stmt, [{"_id": r["id"], **{c: r[c] for c in _MUTABLE}} for r in rows])
            self.dirty.clear()
        real: dict[int, int] = {}
        for _ in range(5):
            if not self.new:
                return real
            created = sorted(self.new.values(), key=lambda r: -r["id"])  # creation order: -1, -2, …
            for row, new_id in zip(created, next_ids(self.conn, canonical_actors, len(created)), strict=True):
                real[row["id"]] = new_id
            try:
                with self.conn.begin_nested():  # keys in sorted order: concurrent writers cannot deadlock
                    self.conn.execute(canonical_actors.insert(), [
                        {"id": real[r["id"]], **_values(r)} for r in sorted(created, key=lambda r: r["key"])])
            except IntegrityError:
                for row in created:  # merge into rows another writer created meanwhile
                    del real[row["id"]]
                    stored = _find(self.conn, row["key"], row["name_key"])
                    if stored is not None:
                        _enrich(stored, row)
                        self.conn.execute(update(canonical_actors).where(canonical_actors.c.id == stored["id"])
                                          .values({c: stored[c] for c in _MUTABLE}))
                        real[self.new.pop(row["id"])["id"]] = stored["id"]
                continue
            for row in created:
                row["id"] = real[row["id"]]
            self.new.clear()
            return real
        raise IntegrityError("canonical actors kept colliding with a concurrent writer", None, Exception())

_MUTABLE = ("key", "name", "kind", "country", "sector", "wikidata", "roles", "aliases")


def _values(row: dict[str, Any]) -> dict[str, Any]:
    return {c: row[c] for c in ("name_key", *_MUTABLE)}


def _enrich(row: dict[str, Any], actor: dict[str, Any]) -> bool:
    """Add what ``actor`` knows and ``row`` lacks (see :meth:`Canonicals.resolve`); True if changed."""
    changed = False
    name = old_name = row["name"]
    if actor.get("wikidata") and not row["wikidata"]:
        row["wikidata"] = row["key"] = actor["wikidata"]  # the key lookup missed, so it is free
        if actor["name"] != name:
            row["name"] = name = actor["name"]
        changed = True
    for field in ("kind", "country", "sector"):
        if actor.get(field) and not row[field]:
            row[field] = actor[field]
            changed = True
    aliases = [a for a in actor.get("aliases") or [] if a != actor["name"]]
    merged_aliases = _merge_lists(row["aliases"], [old_name, actor["name"], *aliases], exclude=name)
    if merged_aliases != list(row["aliases"] or []):
        row["aliases"] = merged_aliases
        changed = True
    merged_roles = _merge_lists(row["roles"], actor.get("roles"))
    if merged_roles != list(row["roles"] or []):
        row["roles"] = merged_roles
        changed = True
    return changed


def _find(conn: Connection, key: str, nkey: str) -> dict[str, Any] | None:
    row: RowMapping | None = conn.execute(
        select(canonical_actors).where(canonical_actors.c.key == key)).mappings().first()
    if row is None:
        query = select(canonical_actors).where(canonical_actors.c.name_key == nkey)
        row = conn.execute(query.order_by(canonical_actors.c.id)).mappings().first()
    return None if row is None else dict(row)
