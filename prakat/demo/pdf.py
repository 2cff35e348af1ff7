"""Small real PDFs in Thai for the demo's attachments."""

from prakat.content.pdf import render_pdf as render_template_pdf


def render_pdf(title: str, paragraphs: list[str], footer: str = "") -> bytes:
    return render_template_pdf(
        "demo/document.html", {"title": title, "paragraphs": paragraphs, "footer": footer}
    )
