"""Handing out images: only what the site shows, or to someone who may see it.

Renditions are private files (``content.storage``): no URL leads to them but this view,
which asks the access policy (``content.access``) before sending a byte. Documents are
handed out by Wagtail's own view, whose hook asks the same policy.
"""

from __future__ import annotations

import base64

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from prakat.content.access import may_read_image

# Public files may be kept by browsers a short while: long enough to spare repeat visits,
# short enough that a file taken down stops being shown soon after.
PUBLIC_MAX_AGE = 300


def serve_rendition(request: HttpRequest, name: str) -> HttpResponse:
    """An image rendition, while the image is on the site or to someone who may see it."""
    rendition = (
        get_image_model()
        .get_rendition_model()
        .objects.select_related("image")
        .filter(file=name)
        .first()
    )
    if rendition is None or not may_read_image(request.user, rendition.image):
        raise Http404(_("This image is not on the website."))
    response = FileResponse(rendition.file.open("rb"), content_type=_image_type(name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = (
        f"public, max-age={PUBLIC_MAX_AGE}"
        if not request.user.is_authenticated
        else "private, no-store"
    )
    return response


def _image_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {
        "png": "image/png",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "svg": "image/svg+xml",
    }.get(extension, "image/jpeg")


def inline_picture(image, spec: str) -> str:
    """The picture as a ``data:`` address, for a screen or document whose own access check
    has already passed (the PDF maker reads no stored file; a request's page shows its
    draft's pictures to everyone who may open the request). Empty when the file is gone."""
    try:
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as f:
            data = f.read()
    except (SourceImageIOError, OSError):
        return ""
    kind = _image_type(rendition.file.name)
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
