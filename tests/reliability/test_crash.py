"""Crash consistency: SIGKILL an ingest in the middle of a batch, then check the store.

SQLite must pass `PRAGMA integrity_check` and `foreign_key_check`, every stored article must be
whole (as many event, actor, statement, claim and timex rows as its record lists), and re-running
the ingest must complete with every article stored exactly once.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
N = 24


PAIRS = [("Armenia", "Azerbaijan"), ("Serbia", "Kosovo"), ("India", "Pakistan"), ("Israel", "Lebanon"),
         ("Ethiopia", "Eritrea"), ("Sudan", "Chad"), ("Peru", "Chile"), ("Greece", "Turkey")]
FILLER = ["Officials said the talks had been difficult.", "Observers from the United Nations attended.",
          "The border has been closed since the spring.", "Both governments faced pressure at home.",
          "Trade between the two countries fell sharply last year.", "Rights groups urged restraint.",
          "A second round is expected in the autumn.", "Analysts warned that the truce remained fragile."]


def _corpus(folder: Path) -> None:
    """Distinct articles (so near-duplicate detection does not fold them together)."""
    with (folder / "feed.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(N):
            a, b = PAIRS[i % len(PAIRS)]
            filler = " ".join(FILLER[(i + k) % len(FILLER)] for k in range(i % 5 + 2))
            text = (f"{a} and {b} agreed on Monday to exchange {100 + 7 * i} prisoners, officials said. "
                    f"The talks lasted {i % 6 + 2} hours. {filler} “We will keep our word,” the foreign "
                    f"minister of {a} said. {b} said the exchange would take place within {i % 3 + 1} weeks. "
                    f"Report number {i} of the series.")
            fh.write(json.dumps({"id": f"a{i}", "published": f"2025-05-{i % 27 + 1:02d}", "text": text}) + "\n")


def _ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    code = ("import sys; from detente.cli import main; sys.argv=['detente','ingest',sys.argv[1],'--db',"
            "sys.argv[2],'--batch-size','2','--write-batch','2']; main()")
    return subprocess.Popen([sys.executable, "-c", code, str(folder), f"sqlite:///{db}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _check_whole(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        rows = conn.execute("select id, record from articles").fetchall()
        for article_id, record_json in rows:
            record = json.loads(record_json)
            for table in ("events", "actors", "statements", "stances", "claims", "timexes"):
                n = conn.execute(f"select count(*) from {table} where article_id = ?", (article_id,)).fetchone()[0]
                assert n == len(record.get(table) or []), (article_id, table)
        ids = [r[0] for r in rows]
        assert len(ids) == len(set(ids))
        return len(ids)


def test_sigkill_mid_batch_loses_nothing(tmp_path: Path) -> None:
    _corpus(tmp_path)
    db = tmp_path / "d.db"
    proc = _ingest(tmp_path, db)
    deadline = time.monotonic() + 120
    while _count(db) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = _check_whole(db)
    assert 0 < stored < N
    rerun = _ingest(tmp_path, db)
    assert rerun.wait(timeout=300) == 0
    assert _check_whole(db) == N
