"""Who sent a request: the client's address, read one way for every part of the site.

The traffic log, the audit log's address stamp, the survey's one-answer-a-day key and its
rate limit, the e-services' rate limits and the sign-in lock-out all ask here, so behind a
reverse proxy they all see the visitor, not the proxy.

``REMOTE_ADDR`` and ``REMOTE_PORT`` are the connection's own. Behind a reverse proxy they are
the proxy's; only when ``TRAFFIC_LOG_PROXY_HEADER`` (``PRAKAT_TRAFFIC_PROXY_HEADER``) names the
header that proxy sets is the client read from it — its last entry, the one our own proxy
added, which a client cannot forge — and the proxy's address kept beside it. Without the
setting the header is ignored, since anyone can send it.
"""

from __future__ import annotations

import ipaddress
from typing import NamedTuple

from django.conf import settings
from django.http import HttpRequest


class Client(NamedTuple):
    address: str
    port: str
    # The proxy's own address when the client was read from its header; "" otherwise.
    proxy: str


def _header(request: HttpRequest, name: str) -> str:
    return request.META.get("HTTP_" + name.upper().replace("-", "_"), "") if name else ""


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client(request: HttpRequest) -> Client:
    """The address and port of the computer that sent ``request``, and the proxy between."""
    meta = request.META
    address = meta.get("REMOTE_ADDR", "")
    port = str(meta.get("REMOTE_PORT", ""))
    forwarded = _header(request, settings.TRAFFIC_LOG_PROXY_HEADER)
    last = forwarded.split(",")[-1].strip()
    # Something that is no address (the server reached around its proxy) is not a client.
    if last and _is_address(last):
        return Client(last, _header(request, settings.TRAFFIC_LOG_PROXY_PORT_HEADER), address)
    return Client(address, port, "")


def client_address(request: HttpRequest) -> str:
    """The client's address alone: what a limit counts by and a log entry is stamped with."""
    return client(request).address
