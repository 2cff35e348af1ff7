"""What the audit log needs to know about the request being served: who asks, from where.

The middleware opens a context for each request; signal receivers read it to stamp the
client's address on every log entry written while the request runs, and to note uploads and
deletions that Wagtail's views do not log themselves.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime

from django.conf import settings
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


def client_address(request: HttpRequest) -> tuple[str, str, str]:
    """``(address, port, proxy)`` of the computer that sent the request.

    REMOTE_ADDR and REMOTE_PORT are the connection's own. Behind a reverse proxy they are the
    proxy's; only when ``TRAFFIC_LOG_PROXY_HEADER`` names the header that proxy sets is the
    client read from it (its last entry: the one our own proxy added, which a client cannot
    forge), and the proxy's address kept beside it. Without the setting the header is ignored,
    since anyone can send it.
    """
    meta = request.META
    address = meta.get("REMOTE_ADDR", "")
    port = str(meta.get("REMOTE_PORT", ""))
    header = settings.TRAFFIC_LOG_PROXY_HEADER
    if header:
        forwarded = meta.get("HTTP_" + header.upper().replace("-", "_"), "")
        client = forwarded.split(",")[-1].strip() if forwarded else ""
        if client:
            port_header = settings.TRAFFIC_LOG_PROXY_PORT_HEADER
            client_port = (
                meta.get("HTTP_" + port_header.upper().replace("-", "_"), "") if port_header else ""
            )
            return client, client_port, address
    return address, port, ""
