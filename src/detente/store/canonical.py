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


def _find(conn: Connection, key: str, nkey: str) -> RowMapping | None:
    """By key first (Q-id or name key), then by name key (a Q-id actor met without its Q-id)."""
    row = conn.execute(select(canonical_actors).where(canonical_actors.c.key == key)).mappings().first()
    if row is None:
        query = select(canonical_actors).where(canonical_actors.c.name_key == nkey)
        row = conn.execute(query.order_by(canonical_actors.c.id)).mappings().first()
    return row


def resolve(conn: Connection, actor: dict[str, Any]) -> int:
    """Return the canonical actor id for a record's actor, creating or enriching it in ``conn``.

    Enrichment only adds: new aliases and roles are appended; country, sector, kind and Q-id
    are filled where the canonical actor had none. The first name seen stays the canonical name
    unless a later record brings a Q-id, whose name is then the dictionary's and wins.
    """
    key = actor_key(actor)
    nkey = name_key(actor["name"])
    aliases = [a for a in actor.get("aliases") or [] if a != actor["name"]]
    row = _find(conn, key, nkey)
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
                return conn.execute(canonical_actors.insert().values(**values)).inserted_primary_key[0]
        except IntegrityError:
            row = _find(conn, key, nkey)
            if row is None:
                raise
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
    return row["id"]
