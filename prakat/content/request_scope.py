"""What one request reads, kept while it runs and dropped at its end.

A screen asks some things again and again while it is drawn: the site version (read once, so
a page is built from one version from start to end), and, on the staff screens, each row's
workflow run and publication request, asked by the row's title, its buttons and its
permission checks. Outside a request (a job, a command, a test calling a function) nothing is
kept: every question reads the database afresh.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_kept: ContextVar[dict | None] = ContextVar("prakat_request_scope", default=None)


@contextmanager
def one_request() -> Iterator[None]:
    """While a request runs: what it keeps lives until it ends."""
    token = _kept.set({})
    try:
        yield
    finally:
        _kept.reset(token)


def kept() -> dict | None:
    """The request's own dictionary, or None outside a request."""
    return _kept.get()


def table(name: Hashable) -> dict | None:
    """A table of the request's, by name; None outside a request."""
    own = _kept.get()
    return None if own is None else own.setdefault(("table", name), {})
