"""Content Security Policy: strict on the public site, what Wagtail's admin needs on /admin/.

Django 5.2 has no CSP of its own. The public templates use no inline script or style, so
the public policy allows only this site's own files. Wagtail's admin writes inline scripts
and styles, and frames its own previews, so its policy allows those, still only from here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

COMMON = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
PUBLIC_POLICY = {
    **COMMON,
    "script-src": "'self'",
    "style-src": "'self'",
    # The agency's map, embedded from OpenStreetMap on its contact pages: the one frame from
    # elsewhere a public page may hold.
    "frame-src": "https://www.openstreetmap.org",
    "frame-ancestors": "'none'",
}
ADMIN_POLICY = {
    **COMMON,
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "frame-src": "'self'",
    "frame-ancestors": "'self'",
}


def render(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def policy_for(path: str) -> dict[str, str]:
    return ADMIN_POLICY if path.startswith(reverse("wagtailadmin_home")) else PUBLIC_POLICY


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = render(policy_for(request.path_info))
        return response
