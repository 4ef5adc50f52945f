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
from typing import Any

from sqlalchemy import Connection, RowMapping, select, update
from sqlalchemy.exc import IntegrityError

from detente.store.schema import canonical_actors

_NON_WORD = re.compile(r"[^0-9a-z]+")
_ENDING = re.compile(r"(?:iy|yy|ii|yi|ij)$")


def name_key(name: str) -> str:
    """The transliteration-tolerant key of a name (see the module docstring for the rules)."""
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
    """The canonical actors one write transaction has seen, read in one query per batch.

    A batch of articles names the same few actors again and again (every report of a war names
    both states); looking each mention up in its own queries was most of the cost of storing an
    article. :meth:`prefetch` reads every canonical actor the batch can match; rows created or
    enriched during the batch are kept here too, so later mentions see them.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.by_key: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, dict[str, Any]] = {}
        self.complete: set[str] = set()  # keys and name keys whose absence from the store is known

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


def _find(conn: Connection, key: str, nkey: str) -> dict[str, Any] | None:
    row: RowMapping | None = conn.execute(
        select(canonical_actors).where(canonical_actors.c.key == key)).mappings().first()
    if row is None:
        query = select(canonical_actors).where(canonical_actors.c.name_key == nkey)
        row = conn.execute(query.order_by(canonical_actors.c.id)).mappings().first()
    return None if row is None else dict(row)


def resolve(conn: Connection, actor: dict[str, Any], seen: Canonicals | None = None) -> int:
    """Return the canonical actor id for a record's actor, creating or enriching it in ``conn``.

    Enrichment only adds: new aliases and roles are appended; country, sector, kind and Q-id
    are filled where the canonical actor had none. The first name seen stays the canonical name
    unless a later record brings a Q-id, whose name is then the dictionary's and wins. ``seen``
    (shared by a batch) saves the lookups of actors already met.
    """
    seen = seen or Canonicals(conn)
    key = actor_key(actor)
    nkey = name_key(actor["name"])
    aliases = [a for a in actor.get("aliases") or [] if a != actor["name"]]
    row = seen.find(key, nkey)
    if row is None:
        values = {
            "key": key, "name_key": nkey, "name": actor["name"], "kind": actor.get("kind"),
            "country": actor.get("country"), "sector": actor.get("sector"), "wikidata": actor.get("wikidata"),
            "roles": list(actor.get("roles") or []), "aliases": aliases,
        }
        try:
            # A savepoint: on PostgreSQL a concurrent ingest may create the same key first; then
            # merge into its row instead of failing the whole article. (SQLite writers are serialized.)
            with conn.begin_nested():
                new_id = conn.execute(canonical_actors.insert().values(**values)).inserted_primary_key[0]
            seen.remember({**values, "id": new_id})
            return new_id
        except IntegrityError:
            row = _find(conn, key, nkey)
            if row is None:
                raise
            seen.remember(row)
    changes: dict[str, Any] = {}
    name = row["name"]
    if actor.get("wikidata") and not row["wikidata"]:
        changes["wikidata"] = changes["key"] = actor["wikidata"]  # the key lookup missed, so it is free
        if actor["name"] != name:
            changes["name"] = actor["name"]
            name = actor["name"]
    for field in ("kind", "country", "sector"):
        if actor.get(field) and not row[field]:
            changes[field] = actor[field]
    merged_aliases = _merge_lists(row["aliases"], [row["name"], actor["name"], *aliases], exclude=name)
    if merged_aliases != list(row["aliases"] or []):
        changes["aliases"] = merged_aliases
    merged_roles = _merge_lists(row["roles"], actor.get("roles"))
    if merged_roles != list(row["roles"] or []):
        changes["roles"] = merged_roles
    if changes:
        conn.execute(update(canonical_actors).where(canonical_actors.c.id == row["id"]).values(**changes))
        old_key = row["key"]
        row.update(changes)
        if row["key"] != old_key:
            seen.by_key.pop(old_key, None)
        seen.remember(row)
    return row["id"]
