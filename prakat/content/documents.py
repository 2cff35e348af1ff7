"""Handing out documents and images: only what the site shows, or to someone who may see it.

Both are private files (``content.storage``): no URL leads to them but these views, which
ask the access policy (``content.access``) before sending a byte.
"""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.images import get_image_model

from prakat.content.access import may_read_image

# Public files may be kept by browsers a short while: long enough to spare repeat visits,
# short enough that a file taken down stops being shown soon after.
PUBLIC_MAX_AGE = 300


def serve_document(request: HttpRequest, document_id: int, document_filename: str) -> HttpResponse:
    """Wagtail's document serving, keeping its hooks (the access rule is one of them), with
    the original file name.

    PDFs open in the browser (where the public reads them); every other type downloads.
    Either way the file carries its original, Thai, name.
    """
    Document = get_document_model()
    doc = get_object_or_404(Document, id=document_id)
    if doc.filename != document_filename:
        raise Http404("This document does not match the given filename.")

    for fn in hooks.get_hooks("before_serve_document"):
        result = fn(doc, request)
        if isinstance(result, HttpResponse):
            return result

    document_served.send(sender=Document, instance=doc, request=request)

    inline_types = getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf"])
    response = FileResponse(
        doc.file.open("rb"),
        as_attachment=doc.content_type not in inline_types,
        filename=doc.filename,
        content_type=doc.content_type,
    )
    # A document is data, never a page: nothing in it may run in the site's origin.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


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
