"""The two-step sign-in screens: enrol an authenticator, enter a code, see recovery codes."""

from __future__ import annotations

import math

import django_otp
from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user

from prakat.security import two_factor

RECOVERY_CODES_SESSION_KEY = "security_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        help_text=gettext_lazy(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _wait_seconds(devices) -> int:
    """How long until a throttled device accepts codes again (0 when it does now)."""
    wait = 0
    for device in devices:
        allowed, _data = device.verify_is_allowed()
        if not allowed and device.throttling_failure_timestamp:
            delay = device.get_throttle_factor() * 2 ** (device.throttling_failure_count - 1)
            left = (
                device.throttling_failure_timestamp
                + timezone.timedelta(seconds=delay)
                - timezone.now()
            )
            wait = max(wait, math.ceil(left.total_seconds()))
    return wait


def _wait_message(seconds: int) -> str:
    return _("Too many wrong codes in a row. Wait %(seconds)d seconds and try again.") % {
        "seconds": seconds
    }


def _verified(request: HttpRequest, device) -> None:
    """Mark this session verified with ``device``, under a new session id: an id seen before
    the second step (on a shared computer, in a proxy's log) must not carry the verification."""
    request.session.cycle_key()
    django_otp.login(request, device)


@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not django_otp.user_has_device(user):
        return redirect("security_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if wait := _wait_seconds(devices_for_user(user)):
            form.add_error(None, _wait_message(wait))
        else:
            with transaction.atomic():
                device = django_otp.match_token(user, form.cleaned_data["code"])
            if device is None:
                form.add_error(
                    None,  # shown in the messages box: the sign-in layout hides field errors
                    _(
                        "This code is not right: use the code your app shows now (it changes "
                        "every 30 seconds) or an unused recovery code."
                    ),
                )
            else:
                _verified(request, device)
                if device.persistent_id.startswith("otp_static"):
                    messages.warning(
                        request,
                        _(
                            "You signed in with a recovery code; it cannot be used again. "
                            "%(count)d recovery codes are left."
                        )
                        % {"count": two_factor.recovery_codes_left(user)},
                    )
                return redirect(_next_url(request))
    return TemplateResponse(
        request, "security/verify.html", {"form": form, "next": _next_url(request)}
    )


@never_cache
def enrol(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator; for someone enrolled, their own two-step page.

    Before this session's second step, only someone with no device at all may be here: with
    the password alone nobody may see, replace or add to the devices of an enrolled account
    (new recovery codes would be a second step of the intruder's own making).
    """
    user = request.user
    if django_otp.user_has_device(user) and not user.is_verified():
        return redirect(f"{reverse('security_verify')}?{urlencode({'next': _next_url(request)})}")
    if two_factor.is_enrolled(user):
        return _enrolled(request)
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if wait := _wait_seconds([device]):
            form.add_error(None, _wait_message(wait))
        elif device.verify_token(form.cleaned_data["code"]):
            codes = two_factor.confirm_enrolment(device)
            _verified(request, device)
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            return redirect(
                f"{reverse('security_recovery_codes')}?{urlencode({'next': _next_url(request)})}"
            )
        else:
            form.add_error(
                None,  # shown in the messages box: the sign-in layout hides field errors
                _(
                    "This code is not right. Check that the app was set up with the key shown "
                    "here and that the phone's clock is correct, then type the code it shows now."
                ),
            )
    return TemplateResponse(
        request,
        "security/enrol.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(device),
            "secret": two_factor.secret_of(device),
            "required": two_factor.two_factor_required(user),
            "next": _next_url(request),
        },
    )


def _enrolled(request: HttpRequest) -> HttpResponse:
    """An enrolled person's own page: how many recovery codes are left, and new ones."""
    user = request.user
    if request.method == "POST" and request.POST.get("action") == "new-recovery-codes":
        with transaction.atomic():
            request.session[RECOVERY_CODES_SESSION_KEY] = two_factor.issue_recovery_codes(user)
        return redirect("security_recovery_codes")
    return TemplateResponse(
        request,
        "security/enrolled.html",
        {"codes_left": two_factor.recovery_codes_left(user)},
    )


@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes, shown once: reloading the page does not show them again."""
    if not request.user.is_verified():
        return redirect("security_verify")
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    return TemplateResponse(
        request,
        "security/recovery_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )
