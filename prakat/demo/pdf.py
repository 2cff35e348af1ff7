"""Small real PDFs in Thai for the demo's attachments."""

from html import escape
from pathlib import Path

import fontpkg_sarabun

FONT_DIR = Path(fontpkg_sarabun.__file__).parent / "files"


def render_pdf(title: str, paragraphs: list[str], footer: str = "") -> bytes:
    from weasyprint import HTML  # slow to import; only the demo loader needs it

    regular = (FONT_DIR / "Sarabun-Regular.ttf").as_uri()
    bold = (FONT_DIR / "Sarabun-Bold.ttf").as_uri()
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = f"""<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><style>
      @font-face {{ font-family: DemoSarabun; src: url('{regular}'); }}
      @font-face {{ font-family: DemoSarabun; font-weight: bold;
                    src: url('{bold}'); }}
      @page {{ size: A4; margin: 2.5cm 2cm; }}
      body {{ font-family: DemoSarabun; font-size: 16pt; line-height: 1.5; }}
      h1 {{ font-size: 20pt; text-align: center; }}
      footer {{ margin-top: 2em; font-size: 13pt; color: #333; }}
    </style></head><body><h1>{escape(title)}</h1>{body}
    <footer>{escape(footer)}</footer></body></html>"""
    return HTML(string=html).write_pdf()
