"""Thai PDF documents from Django templates, set in Sarabun.

WeasyPrint shapes Thai correctly (marks stack, lines break between words); the fonts come
from the pinned Sarabun package, by file, so every PDF looks the same on every machine.
"""

from pathlib import Path

import fontpkg_sarabun
from django.template.loader import render_to_string

FONT_DIR = Path(fontpkg_sarabun.__file__).parent / "files"


def font_faces() -> dict[str, str]:
    return {
        "regular": (FONT_DIR / "Sarabun-Regular.ttf").as_uri(),
        "bold": (FONT_DIR / "Sarabun-Bold.ttf").as_uri(),
    }


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render ``template_name`` (which extends ``content/pdf/base.html``) to PDF bytes."""
    from weasyprint import HTML  # slow to import; only PDF makers need it

    html = render_to_string(template_name, {**context, "fonts": font_faces()})
    return HTML(string=html).write_pdf()
