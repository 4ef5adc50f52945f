"""``benchmarks/eval_timeml.py`` reads every creation time its corpora write (no data needed here)."""

from __future__ import annotations

from datetime import date

from benchmarks.eval_timeml import _creation_date


def test_creation_times_are_read_in_both_written_forms():
    assert _creation_date("2008-12-13") == date(2008, 12, 13)
    assert _creation_date("2008-12-13T10:00:00") == date(2008, 12, 13)
    assert _creation_date("03-02-2009") == date(2009, 2, 3)  # day first, as the annotators write it
    assert _creation_date("") is None
    assert _creation_date("PRESENT_REF") is None
