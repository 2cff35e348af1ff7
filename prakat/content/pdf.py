"""Thai PDF documents from Django templates, set in Sarabun.

WeasyPrint shapes Thai correctly (marks stack, lines break between words); the fonts come
from the pinned Sarabun package, by file, so every PDF looks the same on every machine, in
copies whose text reads back exactly as typed (``pdf_fonts``).
"""

from django.template.loader import render_to_string

from prakat.content.pdf_fonts import exact_text_layer, pdf_font_files


def font_faces() -> dict[str, str]:
    """The faces' files, as the PDF templates' ``@font-face`` rules read them."""
    return {face: path.as_uri() for face, path in pdf_font_files().items()}


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render ``template_name`` (which extends ``content/pdf/base.html``) to PDF bytes."""
    from weasyprint import HTML  # slow to import; only PDF makers need it

    html = render_to_string(template_name, {**context, "fonts": font_faces()})
    return HTML(string=html).write_pdf(finisher=exact_text_layer)
