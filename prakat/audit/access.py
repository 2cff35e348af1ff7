"""Who may read the audit log and the traffic log, and the refusal that says so."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseForbidden
from django.utils.translation import gettext as _

from prakat.agency.roles import Role, user_has_role


def may_see_audit_log(user) -> bool:
    return user.is_superuser or any(
        user_has_role(user, role) for role in (Role.AUDITOR, Role.ADMINISTRATOR)
    )


def may_export_traffic(user) -> bool:
    """Traffic data is handed over on an authority's request, and that request goes through
    the auditor: the auditor's role only. Being a superuser is not enough; a superuser who
    must answer such a request is given the auditor's role, which the audit log records."""
    return user_has_role(user, Role.AUDITOR)


def refusal(message: str) -> HttpResponse:
    # A plain 403 that says who may look: Wagtail's admin would turn PermissionDenied into a
    # silent redirect to its home page.
    return HttpResponseForbidden(message, content_type="text/plain; charset=utf-8")


def audit_log_refusal() -> HttpResponse:
    return refusal(_("Only auditors and administrators may see the audit log."))


def traffic_refusal() -> HttpResponse:
    return refusal(_("Only auditors may read or export the computer traffic log."))
