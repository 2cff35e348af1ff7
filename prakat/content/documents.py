"""Serving documents to the public under the name their author gave them."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served


def serve_document(request: HttpRequest, document_id: int, document_filename: str) -> HttpResponse:
    """Wagtail's document serving, keeping its privacy hooks, with the original file name.

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
    return response
