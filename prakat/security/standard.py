"""What the NCSA website security standard (B.E. 2568) asks, and whether this install meets it.

Each requirement is judged from this installation's own settings and state, so the agency
can copy the answers into its yearly self-assessment. What another part of the system owns
and settings cannot show (the traffic log, backups) is pointed to, not guessed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prakat.agency.roles import GROUP_NAMES
from prakat.security import two_factor
from prakat.security.clock import LARGE_OFFSET_SECONDS, ClockStatus
from prakat.security.privacy import is_written
from prakat.thai.dates import format_date

ONE_YEAR_SECONDS = 31_536_000
MIN_PASSWORD_LENGTH = 10


class Status(enum.Enum):
    MET = gettext_lazy("Met")
    NOT_MET = gettext_lazy("Not met")
    SEE_RELATED = gettext_lazy("See the related page")
    UNKNOWN = gettext_lazy("Cannot be checked")

    @property
    def css(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass
class Finding:
    key: str
    requirement: str
    status: Status
    detail: str


def required_users():
    names = [GROUP_NAMES[role] for role in two_factor.REQUIRED_ROLES]
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__name__in=names), is_active=True)
        .distinct()
        .order_by("username")
    )


def _met(condition: bool) -> Status:
    return Status.MET if condition else Status.NOT_MET


def _two_factor() -> Finding:
    users = list(required_users())
    enrolled = sum(1 for user in users if two_factor.is_enrolled(user))
    on = getattr(settings, "SECURITY_REQUIRE_TWO_FACTOR", True)
    detail = _(
        "Required of webmasters, administrators and auditors: %(on)s. "
        "%(enrolled)d of %(total)d such accounts have set it up; the others must do so at "
        "their next sign-in."
    ) % {"on": _("yes") if on else _("no"), "enrolled": enrolled, "total": len(users)}
    return Finding(
        "mfa", _("Multi-factor sign-in for those who manage the website"), _met(on), detail
    )


def _https(secure_request: bool) -> Finding:
    on = bool(settings.SECURE_SSL_REDIRECT and settings.SESSION_COOKIE_SECURE)
    detail = _(
        "Production switch (PRAKAT_PRODUCTION): %(switch)s. HTTP is redirected to HTTPS: "
        "%(redirect)s. Cookies only over HTTPS: %(cookies)s. This page was reached over "
        "HTTPS: %(now)s."
    ) % {
        "switch": _("on") if getattr(settings, "PRODUCTION", False) else _("off"),
        "redirect": _("yes") if settings.SECURE_SSL_REDIRECT else _("no"),
        "cookies": _("yes")
        if settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
        else _("no"),
        "now": _("yes") if secure_request else _("no"),
    }
    return Finding("https", _("TLS (HTTPS) for every page"), _met(on), detail)


def _hsts() -> Finding:
    seconds = settings.SECURE_HSTS_SECONDS or 0
    on = seconds >= ONE_YEAR_SECONDS and settings.SECURE_HSTS_INCLUDE_SUBDOMAINS
    detail = _("HSTS for %(days)d days; sub-domains included: %(sub)s; preload: %(preload)s.") % {
        "days": seconds // 86400,
        "sub": _("yes") if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS else _("no"),
        "preload": _("yes") if settings.SECURE_HSTS_PRELOAD else _("no"),
    }
    return Finding("hsts", _("Browsers told to use HTTPS only (HSTS, one year)"), _met(on), detail)


def _headers() -> Finding:
    middleware = settings.MIDDLEWARE
    csp = "prakat.security.headers.ContentSecurityPolicyMiddleware" in middleware
    frames = "django.middleware.clickjacking.XFrameOptionsMiddleware" in middleware
    on = (
        csp
        and frames
        and settings.SECURE_CONTENT_TYPE_NOSNIFF
        and bool(settings.SECURE_REFERRER_POLICY)
    )
    detail = _(
        "Content-Security-Policy: %(csp)s; X-Frame-Options: %(frames)s; "
        "X-Content-Type-Options: %(nosniff)s; Referrer-Policy: %(referrer)s."
    ) % {
        "csp": _("yes") if csp else _("no"),
        "frames": settings.X_FRAME_OPTIONS if frames else _("no"),
        "nosniff": "nosniff" if settings.SECURE_CONTENT_TYPE_NOSNIFF else _("no"),
        "referrer": settings.SECURE_REFERRER_POLICY or _("no"),
    }
    return Finding("headers", _("Security headers"), _met(on), detail)


def _injection() -> Finding:
    csrf = "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    csp = "prakat.security.headers.ContentSecurityPolicyMiddleware" in settings.MIDDLEWARE
    detail = _(
        "Database queries are parameterised by Django's ORM; templates escape what they "
        "show; forms are protected against cross-site requests: %(csrf)s; scripts only from "
        "this site on public pages (CSP): %(csp)s; debug pages off: %(debug)s."
    ) % {
        "csrf": _("yes") if csrf else _("no"),
        "csp": _("yes") if csp else _("no"),
        "debug": _("yes") if not settings.DEBUG else _("no"),
    }
    return Finding(
        "injection",
        _("Defences against injection and cross-site scripting"),
        _met(csrf and csp and not settings.DEBUG),
        detail,
    )


def _passwords() -> Finding:
    names = {v["NAME"].rsplit(".", 1)[-1]: v for v in settings.AUTH_PASSWORD_VALIDATORS}
    length = names.get("MinimumLengthValidator", {}).get("OPTIONS", {}).get("min_length", 8)
    on = (
        length >= MIN_PASSWORD_LENGTH
        and "CommonPasswordValidator" in names
        and "CharacterKindsValidator" in names
    )
    detail = _(
        "At least %(length)d characters; a mix of kinds of character: %(kinds)s; common "
        "passwords refused: %(common)s; not too like the person's name: %(similar)s."
    ) % {
        "length": length,
        "kinds": _("yes") if "CharacterKindsValidator" in names else _("no"),
        "common": _("yes") if "CommonPasswordValidator" in names else _("no"),
        "similar": _("yes") if "UserAttributeSimilarityValidator" in names else _("no"),
    }
    return Finding("passwords", _("Password policy"), _met(on), detail)


def _throttling() -> Finding:
    on = apps.is_installed("axes") and getattr(settings, "AXES_ENABLED", True)
    detail = _(
        "After %(limit)d wrong passwords in a row an account, and separately an address, is "
        "locked for %(minutes)d minutes; an administrator can unlock it on this page."
    ) % {
        "limit": settings.AXES_FAILURE_LIMIT,
        "minutes": round(settings.AXES_COOLOFF_TIME * 60),
    }
    return Finding("throttling", _("Throttling of failed sign-ins"), _met(on), detail)


def _idle(timeout_minutes: int) -> Finding:
    detail = _("Staff are signed out after %(minutes)d idle minutes.") % {
        "minutes": timeout_minutes
    }
    return Finding("idle", _("Idle sessions end"), _met(timeout_minutes <= 60), detail)


def _traffic_log() -> Finding:
    if apps.is_installed("prakat.audit"):
        return Finding(
            "traffic-log",
            _("Traffic logs kept at least 90 days"),
            Status.SEE_RELATED,
            _("Kept by the traffic log; see its page for retention and verification."),
        )
    return Finding(
        "traffic-log",
        _("Traffic logs kept at least 90 days"),
        Status.NOT_MET,
        _("This installation has no traffic log; the web server's own logs must be kept."),
    )


def _clock(clock: ClockStatus) -> Finding:
    requirement = _("Server clock synchronised with a standard time source")
    if not clock.checked:
        return Finding(
            "clock",
            requirement,
            Status.UNKNOWN,
            _("Cannot be checked: %(reason)s") % {"reason": clock.reason},
        )
    if not clock.synchronised:
        return Finding(
            "clock",
            requirement,
            Status.NOT_MET,
            _(
                "The clock is NOT synchronised (%(tool)s): traffic-log times may not stand "
                "as evidence."
            )
            % {"tool": clock.tool},
        )
    detail = _("Synchronised (%(tool)s).") % {"tool": clock.tool}
    if clock.source:
        detail += " " + _("Source: %(source)s.") % {"source": clock.source}
    if clock.offset_ms is not None:
        detail += " " + _("Last offset: %(ms).3f ms.") % {"ms": clock.offset_ms}
    large = clock.offset_seconds is not None and abs(clock.offset_seconds) > LARGE_OFFSET_SECONDS
    return Finding("clock", requirement, Status.NOT_MET if large else Status.MET, detail)


def _backups() -> Finding:
    return Finding(
        "backups",
        _("Backups, tested by restoring"),
        Status.SEE_RELATED,
        _(
            "Backups of the database and var/media are made outside the website; keep their "
            "record with the self-assessment."
        ),
    )


def _self_assessment(last) -> Finding:
    requirement = _("Yearly self-assessment against this standard")
    if last is None:
        return Finding(
            "self-assessment",
            requirement,
            Status.NOT_MET,
            _("No self-assessment recorded yet (Settings › security and privacy)."),
        )
    fresh = (timezone.localdate() - last).days <= 365
    return Finding(
        "self-assessment",
        requirement,
        _met(fresh),
        _("Last recorded on %(date)s.") % {"date": format_date(last)},
    )


def _privacy(notice: str) -> Finding:
    return Finding(
        "privacy",
        _("Privacy notice published (PDPA)"),
        _met(is_written(notice)),
        _("Shown at /privacy/; the public site sets no cookies beyond the form-protection one."),
    )


def assess(security_settings, clock: ClockStatus, *, secure_request: bool) -> list[Finding]:
    return [
        _two_factor(),
        _https(secure_request),
        _hsts(),
        _headers(),
        _injection(),
        _passwords(),
        _throttling(),
        _idle(security_settings.idle_timeout_minutes),
        _traffic_log(),
        _clock(clock),
        _backups(),
        _self_assessment(security_settings.last_self_assessment),
        _privacy(security_settings.privacy_notice),
    ]
