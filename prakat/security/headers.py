"""Content Security Policy: strict on the public site, what Wagtail's admin needs on /admin/.

Django 5.2 has no CSP of its own. The public templates use no inline script or style, so
the public policy allows only this site's own files, and frames only from the providers of
videos, pages and maps the agency allows. Wagtail's admin writes inline scripts
and styles, and frames its own previews, so its policy allows those, still only from here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from prakat.agency.embeds import PROVIDERS, frame_sources
from prakat.content.embeds import frame_sources_for

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
    # A page's frames: the providers its agency allows (prakat.agency.embeds), set for each
    # response; this, for what has no agency (nginx's page copies list every provider).
    "frame-src": "'none'",
    "frame-ancestors": "'none'",
}
ADMIN_POLICY = {
    **COMMON,
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    # Its own previews, and in them the frames of every provider the site knows: a preview
    # draws a provider the agency does not allow as a link, as the public page does.
    "frame-src": f"'self' {frame_sources(PROVIDERS)}",
    "frame-ancestors": "'self'",
}


def render(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def policy_for(path: str) -> dict[str, str]:
    return ADMIN_POLICY if path.startswith(reverse("wagtailadmin_home")) else PUBLIC_POLICY


def policy_for_response(request: HttpRequest, response: HttpResponse) -> dict[str, str]:
    """The policy of ``request``'s path; a public page's frames are those of its agency's
    providers, a file's none."""
    policy = policy_for(request.path_info)
    if policy is ADMIN_POLICY:
        return policy
    if not response.get("Content-Type", "").startswith("text/html"):
        return policy
    return {**policy, "frame-src": frame_sources_for(request)}


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = render(policy_for_response(request, response))
        return response
