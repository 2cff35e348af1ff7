"""The privacy notice (PDPA), edited by the agency in its security settings."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from prakat.security.models import SecuritySettings


def privacy_notice(request: HttpRequest) -> HttpResponse:
    notice = SecuritySettings.for_request(request).privacy_notice
    return TemplateResponse(request, "security/privacy.html", {"notice": notice})
