"""The privacy notice (PDPA), edited by the agency in its security settings."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import strip_tags

from prakat.security.models import SecuritySettings


def privacy_notice(request: HttpRequest) -> HttpResponse:
    notice = SecuritySettings.for_request(request).privacy_notice
    return TemplateResponse(request, "security/privacy.html", {"notice": notice})


def is_written(notice: str) -> bool:
    """Has the agency written a notice to show? An editor's empty paragraph is not one."""
    return bool(strip_tags(notice or "").strip())
