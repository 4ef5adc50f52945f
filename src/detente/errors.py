"""Typed, user-facing errors. ``str(err)`` is one line: a code, what went wrong, what to do."""

from __future__ import annotations


class DetenteError(Exception):
    """Base of every error the CLI turns into a one-line message and a non-zero exit."""

    code = "E000"
