"""Optional story features (commitments, schedule, clusters, exports), found at call time.

They live in ``detente.story`` and ``detente.export``, which grow independently of the API. The
API looks them up when a request needs them, not at import, so the service starts and serves
everything else on an installation that lacks them, and answers those endpoints with a 501 that
names what is missing instead of failing to start.
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Callable
from types import ModuleType
from typing import Any

from detente.api.errors import ApiError

log = logging.getLogger("detente.api")

#: Where each feature may be defined, first match wins (the package may re-export its modules').
PLACES: dict[str, tuple[str, ...]] = {
    "commitments": ("detente.story", "detente.story.commitments"),
    "schedule": ("detente.story", "detente.story.schedule"),
    "to_ical": ("detente.story", "detente.story.schedule"),
    "clusters": ("detente.story", "detente.story.cluster_view", "detente.story.clusters"),
    "export_store": ("detente.export",),
}


def find(name: str, *aliases: str) -> Callable[..., Any] | None:
    """The callable ``name`` (or one of ``aliases``) in its modules, or None if not there yet."""
    for module_name in PLACES.get(name, ()):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        except Exception:  # a half-written module must not take the API down
            log.exception("cannot import %s", module_name)
            continue
        for attr in (name, *aliases):
            fn = getattr(module, attr, None)
            if callable(fn) and not isinstance(fn, ModuleType):
                return fn
    return None


def require(name: str, what: str, *aliases: str) -> Callable[..., Any]:
    """Like :func:`find`, but a missing feature is a 501 JSON error that says which one."""
    fn = find(name, *aliases)
    if fn is None:
        where = " or ".join(PLACES.get(name, ("?",)))
        raise ApiError(501, f"{what} is not available in this installation ({name} not found in {where})")
    return fn


def call(fn: Callable[..., Any], *args: Any, **options: Any) -> Any:
    """Call ``fn`` with the options it accepts and that were given (None means not given).

    The story functions gain options over time; passing only what a function declares keeps an
    older one callable instead of failing with a TypeError. A ``ValueError`` (how they reject an
    argument) becomes a 400.
    """
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        params = {}
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    given = {k: v for k, v in options.items() if v is not None and (takes_any or k in params)}
    try:
        return fn(*args, **given)
    except ValueError as err:  # the story functions reject bad arguments with ValueError
        raise ApiError(400, str(err)) from err
