"""Thai PDF documents from Django templates, set in Sarabun.

WeasyPrint shapes Thai correctly (marks stack, lines break between words); the fonts come
from the pinned Sarabun package, by file, so every PDF looks the same on every machine, in
copies whose text reads back exactly as typed (``pdf_fonts``).
"""

from django.template.loader import render_to_string

from prakat.agency.identity import identity_of
from prakat.agency.models import Agency
from prakat.content.images import inline_picture
from prakat.content.pdf_fonts import exact_text_layer, pdf_font_files

# The logo over a report, and the Garuda emblem at a memorandum's head (1.5 cm high, as the
# rules on official correspondence set it), from renditions sharp enough for print.
LOGO_SPEC = "max-400x400|format-png"
EMBLEM_SPEC = "height-300|format-png"


def font_faces() -> dict[str, str]:
    """The faces' files, as the PDF templates' ``@font-face`` rules read them."""
    return {face: path.as_uri() for face, path in pdf_font_files().items()}


def letterhead(agency: Agency | None) -> dict[str, str]:
    """The agency's logo and document emblem for its PDFs, where it has set them."""
    if agency is None or agency.site_id is None:
        return {}
    identity = identity_of(agency.site)
    found = {}
    if identity.logo is not None:
        found["letterhead_logo"] = inline_picture(identity.logo, LOGO_SPEC)
    if identity.document_emblem is not None:
        found["document_emblem"] = inline_picture(identity.document_emblem, EMBLEM_SPEC)
    return {name: uri for name, uri in found.items() if uri}


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render ``template_name`` (which extends ``content/pdf/base.html``) to PDF bytes, with
    the logo of the agency it is about (``context["agency"]``, else the install's)."""
    from weasyprint import HTML  # slow to import; only PDF makers need it

    agency = context.get("agency") or Agency.current()
    html = render_to_string(template_name, {**letterhead(agency), **context, "fonts": font_faces()})
    return HTML(string=html).write_pdf(finisher=exact_text_layer)
