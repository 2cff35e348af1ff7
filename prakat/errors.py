"""The error pages the public can reach, in Thai and in the public site's dress.

Django's own 404 and 500 handlers already use ``404.html`` and ``500.html``; its 400 page
renders without the request (so without the agency's name) and cannot tell a body that was
too large from any other bad request, and its form-protection (CSRF) page is English.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        message = _(
            "The data sent was too large: a form may send at most %(limit)s (attached files "
            "not counted; they have their own limit). Please shorten what you typed and send "
            "it again."
        ) % {"limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
    elif isinstance(exception, (TooManyFieldsSent, TooManyFilesSent)):
        message = _("The form sent more fields or files than the site accepts at once.")
    else:
        message = _("The site could not understand what was sent. Please go back and try again.")
    # A request for a host this site does not serve cannot be asked its host again, which the
    # page's agency name and menu would do: that page is drawn without the request.
    page_request = None if isinstance(exception, DisallowedHost) else request
    body = render_to_string("400.html", {"message": message}, request=page_request)
    return HttpResponse(body, status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without this site's form-protection token (a stale page, blocked cookies,
    or a form on another site posting here)."""
    message = _(
        "The form could not be accepted: it did not come with this site's form protection. "
        "This happens when the page was open for a long time or the browser blocks cookies. "
        "Please go back, reload the page, and send the form again."
    )
    body = render_to_string("403.html", {"message": message}, request=request)
    return HttpResponse(body, status=403)
