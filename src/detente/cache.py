"""A local cache for what the pipeline derives from its data files at load time.

Building the place-name index (~0.4 s) and analysing the time patterns for their prefilters
(~0.15 s) used to be paid by every process that loads the pipeline: each ``detente extract``,
each ``--workers`` or Dask worker, each service start. Both are pure functions of files that
ship with the package, so their results are kept as pickles under ``$DETENTE_CACHE`` (default
``~/.cache/detente``; ``off`` disables the cache) and read back in a few hundredths of a second.

An entry's key hashes everything its value depends on (the deriving module's source, the data, the
package versions), so a change to any of them builds a new entry instead of reading a stale one.
Entries are written to a temporary file and renamed into place, so concurrent processes never read
half a file; any unreadable entry, or an unwritable directory, only costs the build. Loading a
pickle runs code: the directory must be writable only by the user running detente (SECURITY.md).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
ENV = "DETENTE_CACHE"


def directory() -> Path | None:
    """Where entries live, or None when the cache is off."""
    where = os.environ.get(ENV)
    if where == "off":
        return None
    return Path(where) if where else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "detente"


def cached(name: str, depends_on: Iterable[bytes], build: Callable[[], T]) -> T:
    """``build()``, or the value an earlier process built from the same ``depends_on``."""
    root = directory()
    if root is None:
        return build()
    digest = hashlib.sha256()
    for part in depends_on:
        digest.update(hashlib.sha256(part).digest())
    path = root / f"{name}-{digest.hexdigest()[:16]}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    _write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        pass
