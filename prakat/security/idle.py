"""Idle sign-out: a staff member who leaves a session untouched is signed out.

The limit is the agency's own (SecuritySettings.idle_timeout_minutes). Requests a page makes
by itself in the background (Wagtail's editing-session pings) do not count as activity, so an
editor left open in a tab still times out.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from prakat.security.models import SecuritySettings

LAST_ACTIVITY_KEY = "security_last_activity"
# Writing the session on every request costs a database write; a minute's precision is enough.
RECORD_EVERY_SECONDS = 60
BACKGROUND_PATH_PARTS = ("/editing-sessions/",)


def idle_limit_seconds(request: HttpRequest) -> int:
    return SecuritySettings.for_request(request).idle_timeout_minutes * 60


class IdleSignOutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            limit = idle_limit_seconds(request)
            if last is not None and now - last > limit:
                logout(request)
                messages.info(
                    request,
                    _(
                        "You were signed out because nothing was done for %(minutes)d minutes. "
                        "Please sign in again."
                    )
                    % {"minutes": limit // 60},
                )
                login = reverse("wagtailadmin_login")
                return HttpResponseRedirect(f"{login}?{urlencode({'next': request.path})}")
            background = any(part in request.path_info for part in BACKGROUND_PATH_PARTS)
            if not background and (last is None or now - last >= RECORD_EVERY_SECONDS):
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
