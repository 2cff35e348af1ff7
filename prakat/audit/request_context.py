"""What the audit log needs to know about the request being served: who asks, from where.

The middleware opens a context for each request; signal receivers read it to stamp the
client's address on every log entry written while the request runs, and to note uploads and
deletions that Wagtail's views do not log themselves.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime

from django.http import HttpRequest


@dataclasses.dataclass
class RequestContext:
    request: HttpRequest
    address: str
    port: str
    proxy: str
    started: datetime.datetime
    # (model, pk, title, action) of files created or deleted during the request
    file_changes: list = dataclasses.field(default_factory=list)


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "prakat_audit_request", default=None
)


def current() -> RequestContext | None:
    return _current.get()


def enter(context: RequestContext) -> contextvars.Token:
    return _current.set(context)


def leave(token: contextvars.Token) -> None:
    _current.reset(token)
