"""Sign-in throttling (django-axes): the lock-out page, and who is locked out now.

Failed sign-ins are counted per account and per address (settings.AXES_*). When either
reaches the limit, Wagtail's sign-in page says so in Thai, with the time the lock ends and
who can lift it sooner: an administrator on the security page, or on the server
``manage.py axes_reset_username USERNAME`` / ``manage.py axes_reset_ip ADDRESS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms.auth import LoginForm

from prakat.thai.dates import format_datetime


def lockout_message(until: timezone.datetime, failure_limit: int) -> str:
    return _(
        "Signing in is locked for this account or this computer after %(limit)d wrong "
        "passwords in a row. Try again after %(until)s, or ask an administrator of the "
        "website to unlock it sooner."
    ) % {"limit": failure_limit, "until": format_datetime(until)}


def lockout_response(
    request: HttpRequest, original_response=None, credentials: dict | None = None
) -> HttpResponse:
    """Wagtail's sign-in page, with the lock-out explained in place of the form's errors."""
    username = get_client_username(request, credentials) or ""
    cool_off = get_cool_off(request) or timezone.timedelta(0)
    form = LoginForm(request=request, initial={"username": username})
    context = {
        "form": form,
        "lockout_message": lockout_message(
            timezone.now() + cool_off, get_failure_limit(request, credentials)
        ),
        "next": request.POST.get("next", ""),
    }
    return render(request, "security/locked_out.html", context, status=429)


@dataclass
class Lock:
    username: str
    ip_address: str
    failures: int
    last_attempt: timezone.datetime


def current_locks() -> list[Lock]:
    """Accounts and addresses that have reached the failure limit and not yet cooled off."""
    since = timezone.now() - timezone.timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
    return [
        Lock(a.username or "", a.ip_address or "", a.failures_since_start, a.attempt_time)
        for a in attempts
    ]


@transaction.atomic
def unlock(username: str = "", ip_address: str = "") -> int:
    """Lift the lock on an account and/or an address; returns how many records went."""
    removed = 0
    if username:
        removed += axes_reset(username=username)
    if ip_address:
        removed += axes_reset(ip=ip_address)
    return removed
