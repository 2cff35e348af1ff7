"""Two-step sign-in: who must use it, and the gate that holds staff until they have.

Wagtail's own sign-in form checks the password; django-otp's middleware then tells whether
this session has also been verified with a one-time code. A member of a role that must use
two-step sign-in, or anyone who has enrolled a device, reaches no admin page until it is.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Callable

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from prakat.agency.roles import Role, user_has_role

REQUIRED_ROLES = (Role.WEBMASTER, Role.ADMINISTRATOR, Role.AUDITOR)
RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"

# Paths a signed-in but unverified person may still reach: the two-step screens themselves,
# signing in and out, and what every admin screen loads (icons, the script translations).
OPEN_URL_NAMES = (
    "security_verify",
    "security_enrol",
    "security_recovery_codes",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
)


def two_factor_required(user) -> bool:
    if not getattr(settings, "SECURITY_REQUIRE_TWO_FACTOR", True) or not user.is_authenticated:
        return False
    return user.is_superuser or any(user_has_role(user, role) for role in REQUIRED_ROLES)


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The device being enrolled: one unconfirmed authenticator, kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The key as an authenticator app takes it when typed in (base32, in groups of four)."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@transaction.atomic
def confirm_enrolment(device: TOTPDevice) -> list[str]:
    """Confirm ``device`` and issue fresh recovery codes (returned once, stored hashed by use)."""
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return issue_recovery_codes(device.user)


def issue_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def reset(user) -> None:
    """Forget the person's devices: they enrol again at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _is_open_path(request: HttpRequest) -> bool:
    path = request.path_info
    return path in {reverse(name) for name in OPEN_URL_NAMES} or path.startswith(
        settings.STATIC_URL
    )


class TwoFactorMiddleware:
    """Hold a signed-in person at the two-step screens until this session is verified.

    A session that has given the password but not yet the code is nobody outside those
    screens: admin pages redirect to them, and everywhere else (documents, previews, the
    public pages) it is served as a visitor who has not signed in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (target := self._hold(request)) is not None and not _is_open_path(request):
            if request.path_info.startswith(reverse("wagtailadmin_home")):
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse(target)}?{query}")
            request.user = AnonymousUser()
        return self.get_response(request)

    @staticmethod
    def _hold(request: HttpRequest) -> str | None:
        user = request.user
        if not getattr(settings, "SECURITY_REQUIRE_TWO_FACTOR", True):
            return None
        if not user.is_authenticated or user.is_verified():
            return None
        if user_has_device(user):
            return "security_verify"
        if two_factor_required(user):
            return "security_enrol"
        return None
