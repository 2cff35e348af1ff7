"""The site's colour as a style sheet: the public pages allow no inline style (their content
security policy), so the agency's colour comes as a file of its own."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail.models import Site

from prakat.agency.identity import identity_of

# The address names the colour (``?c=…``), so a new colour is a new file: a day is safe.
MAX_AGE = 24 * 60 * 60


def theme_css(request: HttpRequest) -> HttpResponse:
    """``:root`` variables of the agency's colour, read from its settings, never from the
    address."""
    identity = identity_of(Site.find_for_request(request))
    colour = identity.theme_colour.lower()
    if request.GET.get("c") != colour.lstrip("#"):
        # An address naming another colour (an old page, a cache): the current file's address.
        return HttpResponseRedirect(f"{request.path}?c={colour.lstrip('#')}")
    body = (
        f":root {{ --brand: {identity.theme_colour.lower()}; "
        f"--brand-dark: {identity.theme_colour_dark}; }}\n"
    )
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
