"""A per-article time limit, so one pathological article cannot hang an ingest.

Feeds carry things no test foresaw: a 10,000-word sentence, a table of ten thousand numbers, a
pattern that backtracks. Rather than guess which, every extraction runs under a wall-clock limit;
an article that exceeds it is reported (``E202``) and the rest of the batch goes on.

The limit is a ``SIGALRM`` timer, which interrupts pure-Python code, the regular-expression
engine and spaCy's model between operations, and costs nothing when no limit fires. Signals
reach only the main thread of a process, so the limit applies in ``detente extract``,
``detente ingest`` (one process or ``--workers``, whose worker processes run extraction in their
main thread) and not where extraction runs in a thread (a Dask worker thread, the API's thread
pool), which have their own timeouts; there the block runs without a limit.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from detente.errors import DetenteError

#: Seconds one article may take to extract by default (a long article takes about one second).
DEFAULT_TIME_LIMIT = 60.0


class ExtractionTimeout(DetenteError):
    code = "E202"

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"[{self.code}] extraction took longer than {seconds:g} s and was stopped; the article "
            "is skipped (raise --time-limit if it is merely long)"
        )
        self.seconds = seconds


def can_interrupt() -> bool:
    """True where a limit can fire: the main thread, on a system with ``SIGALRM``."""
    return hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ExtractionTimeout` in the block once ``seconds`` have passed.

    ``None`` or ``0`` means no limit; so does a thread other than the main one. A timer already
    running (an outer limit) is restored afterwards, never extended.
    """
    if not seconds or seconds <= 0 or not can_interrupt():
        yield
        return

    def _expired(_signum: int, _frame: object) -> None:
        raise ExtractionTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, _expired)
    outer_left, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, outer_left)
