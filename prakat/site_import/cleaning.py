"""An old post's HTML made into the site's rich text, keeping only what the site's editor
itself writes.

Old sites' text holds anything: scripts injected into a hacked site, frames, styles, event
handlers, markup tricks that a parser and a browser read differently. Nothing of the old
HTML is copied through: the text is parsed, and the rich text is written anew from an
allow-list — paragraphs, line breaks, headings, bold and italic, lists, rules and links
(to web and e-mail addresses, to the old site's own pages by their old path, to the files
brought in) and the pictures brought in — with every word escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from urllib.parse import urlsplit, urlunsplit

from bs4 import BeautifulSoup, NavigableString, Tag

KEPT_TAGS = {"p", "h2", "h3", "h4", "b", "i", "ul", "ol", "li"}
RENAMED_TAGS = {"h1": "h2", "h5": "h4", "h6": "h4", "strong": "b", "em": "i"}
EMPTY_TAGS = {"br", "hr"}
DROPPED_TAGS = {
    "script", "style", "iframe", "object", "embed", "form", "noscript", "template", "svg",
    "math", "textarea", "select", "button", "title", "head", "video", "audio", "canvas",
}  # fmt: skip
SHORTCODE = re.compile(r"\[/?[a-zA-Z_][\w-]*(?:\s[^\]]*)?\]")
BLOCKS = re.compile(
    r"<(/?)(p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|figure|!--)[\s>/-]", re.I
)


def paragraphs(html: str) -> str:
    """WordPress stores text with blank lines between paragraphs and adds the tags only when
    it shows a post (and keeps shortcodes such as [caption] for its own use): the text is
    given its paragraphs here, and the shortcodes' brackets taken out (their words stay)."""
    html = SHORTCODE.sub("", html)
    chunks = [c.strip() for c in re.split(r"\n\s*\n", html) if c.strip()]
    return "".join(
        chunk if BLOCKS.search(chunk) else f"<p>{chunk.replace(chr(10), '<br>')}</p>"
        for chunk in chunks
    )


class Cleaner:
    """Writes rich text from old HTML. ``picture_of(src)`` gives the id of the picture
    brought in for an image's address (or None); ``document_of(href)`` the document's for a
    link's (or None); ``is_old_file(href)`` says a link is to an old file that did not come."""

    def __init__(
        self,
        old_netloc: str,
        picture_of: Callable[[str], int | None],
        document_of: Callable[[str], int | None],
        is_old_file: Callable[[str], bool],
    ):
        self.old_netloc = old_netloc
        self.picture_of = picture_of
        self.document_of = document_of
        self.is_old_file = is_old_file
        self.documents: list[int] = []

    def rich_text(self, html: str) -> str:
        self.documents = []
        soup = BeautifulSoup(paragraphs(html), "html.parser")
        out: list[str] = []
        self._write(soup, out)
        return "".join(out).strip()

    def _write(self, node: Tag, out: list[str]) -> None:
        for child in node.children:
            # Text only: comments, CDATA, declarations and instructions are subclasses of
            # NavigableString that a browser may read as markup; they are dropped.
            if type(child) is NavigableString:
                out.append(escape(str(child), quote=False))
            elif isinstance(child, Tag):
                self._write_tag(child, out)

    def _write_tag(self, tag: Tag, out: list[str]) -> None:
        name = RENAMED_TAGS.get(tag.name, tag.name)
        if name in DROPPED_TAGS:
            return
        if name == "table":
            # The site's text has no tables: each row a paragraph, its cells apart.
            for row in tag.find_all("tr"):
                cells = [c.get_text(" ", strip=True) for c in row.find_all(("td", "th"))]
                if any(cells):
                    out.append(f"<p>{escape(' · '.join(c for c in cells if c), quote=False)}</p>")
            return
        if name == "img":
            picture = self.picture_of(str(tag.get("src", "")))
            if picture is not None:
                alt = escape(str(tag.get("alt", "")), quote=True)
                out.append(
                    f'<embed alt="{alt}" embedtype="image" format="fullwidth" id="{picture}"/>'
                )
            return
        if name == "a":
            self._write_link(tag, out)
            return
        if name in EMPTY_TAGS:
            out.append(f"<{name}/>")
            return
        if name in KEPT_TAGS:
            out.append(f"<{name}>")
            self._write(tag, out)
            out.append(f"</{name}>")
            return
        self._write(tag, out)  # any other tag: its words stay

    def _write_link(self, tag: Tag, out: list[str]) -> None:
        href = str(tag.get("href", "")).strip()
        document = self.document_of(href) if href else None
        if document is not None:
            self.documents.append(document)
            out.append(f'<a id="{document}" linktype="document">')
        elif (address := self._address(href)) is not None:
            out.append(f'<a href="{escape(address, quote=True)}">')
        else:
            self._write(tag, out)  # a file that did not come, or an address not kept
            return
        self._write(tag, out)
        out.append("</a>")

    def _address(self, href: str) -> str | None:
        """A link's address as the site keeps it: web and e-mail addresses as they are, the
        old site's own pages by their path (which redirects to the new page), nothing else."""
        if not href or self.is_old_file(href):
            return None
        parts = urlsplit(href)
        if parts.scheme == "mailto":
            return href
        if parts.scheme in ("http", "https") and parts.netloc:
            if parts.netloc == self.old_netloc:
                return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
            return href
        if not parts.scheme and not parts.netloc and href.startswith(("/", "#")):
            return href
        return None
