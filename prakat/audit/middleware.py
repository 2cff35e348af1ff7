"""One middleware, outermost, that sees every request: it writes the traffic log entry and
lets the audit log know the client's address while the request runs."""

from __future__ import annotations

import time

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from prakat.audit import request_context, writer
from prakat.audit.file_changes import log_file_changes
from prakat.client import client
from prakat.thai.dates import BANGKOK


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = timezone.now()
        clock = time.monotonic()
        address, port, proxy = client(request)
        context = request_context.RequestContext(
            request=request, address=address, port=port, proxy=proxy, started=started
        )
        token = request_context.enter(context)
        try:
            response = self.get_response(request)
            if context.file_changes:
                log_file_changes(context)
        finally:
            request_context.leave(token)

        entry = {
            "time": started.astimezone(BANGKOK).isoformat(timespec="microseconds"),
            "address": address,
            "port": port,
            "proxy": proxy,
            "method": request.method,
            "url": request.get_full_path(),
            "status": response.status_code,
            "user_agent": request.headers.get("User-Agent", ""),
            "user": _username(request),
        }
        if isinstance(response, StreamingHttpResponse) and not response.has_header(
            "Content-Length"
        ):
            # The size is known only once the body has gone out: log then.
            response.streaming_content = _counted(response.streaming_content, entry, clock)
        else:
            entry["bytes"] = (
                int(response["Content-Length"]) if response.streaming else len(response.content)
            )
            entry["duration_ms"] = round((time.monotonic() - clock) * 1000)
            writer.record(entry)
        return response


def _username(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.get_username()
    # Signing out leaves the request anonymous; the sign-out receiver noted who it was.
    return getattr(request, "audit_signed_out_username", "")


def _counted(chunks, entry: dict, clock: float):
    sent = 0
    try:
        for chunk in chunks:
            sent += len(chunk)
            yield chunk
    finally:
        entry["bytes"] = sent
        entry["duration_ms"] = round((time.monotonic() - clock) * 1000)
        writer.record(entry)
