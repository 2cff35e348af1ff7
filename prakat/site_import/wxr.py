"""Reading a WordPress export file (WXR: what WordPress's Tools › Export writes).

Only what an agency's old site needs to come across is read: the site's address, its
categories, and each post, page and attachment with its address, dates, status, text and
categories. The file is the webmaster's upload, so it is read with the XML parser that
refuses entity tricks (``defusedxml``) and never fetches anything it names.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import IO
from urllib.parse import urlsplit

from defusedxml import ElementTree
from django.utils import timezone

WP_NAMESPACES = (
    "http://wordpress.org/export/1.2/",
    "http://wordpress.org/export/1.1/",
    "http://wordpress.org/export/1.0/",
)
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
EXCERPT_NAMESPACES = (
    "http://wordpress.org/export/1.2/excerpt/",
    "http://wordpress.org/export/1.1/excerpt/",
    "http://wordpress.org/export/1.0/excerpt/",
)


class NotAnExport(ValueError):
    """The file is not a WordPress export (or not one this reader understands)."""


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    parent: str


@dataclass
class Entry:
    """A post, page or attachment of the old site."""

    id: int
    kind: str  # "post", "page", "attachment" (others are read and left)
    title: str
    link: str
    guid: str
    slug: str
    status: str  # "publish", "draft", "private", "inherit" (attachments), ...
    published_at: datetime.datetime | None
    content: str
    excerpt: str
    parent_id: int
    categories: list[str] = field(default_factory=list)  # slugs, in the file's order
    attachment_url: str = ""
    thumbnail_id: int | None = None
    password: str = ""  # a post the old site showed only to those who knew it


@dataclass
class Export:
    title: str
    link: str
    base_url: str
    categories: dict[str, Category]
    entries: list[Entry]

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == kind]

    def by_id(self) -> dict[int, Entry]:
        return {entry.id: entry for entry in self.entries}

    def summary(self) -> dict:
        """What the webmaster is shown before mapping: the categories (slug, name, published
        posts in it) and the number of posts, pages and files."""
        counts: dict[str, int] = {}
        for entry in self.of_kind("post"):
            if entry.status == "publish":
                for slug in entry.categories:
                    counts[slug] = counts.get(slug, 0) + 1
        return {
            "title": self.title,
            "base_url": self.base_url,
            "categories": [
                [c.slug, c.name, counts.get(c.slug, 0)] for c in self.categories.values()
            ],
            "counts": {kind: len(self.of_kind(kind)) for kind in ("post", "page", "attachment")},
        }

    @property
    def host(self) -> str:
        return urlsplit(self.base_url or self.link).netloc


def _text(element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None and found.text else ""


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def _date(gmt: str, local: str) -> datetime.datetime | None:
    """WordPress writes each date twice: in UTC (``post_date_gmt``, zero for drafts) and
    in the site's own time, which for a Thai site is Bangkok's."""
    for value, zone in ((gmt, datetime.UTC), (local, timezone.get_default_timezone())):
        if value and not value.startswith("0000"):
            try:
                parsed = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            return parsed.replace(tzinfo=zone)
    return None


def read(file: IO[bytes]) -> Export:
    """The export in ``file``; :class:`NotAnExport` when it is not one."""
    try:
        tree = ElementTree.parse(file, forbid_dtd=True)
    except Exception as error:  # defusedxml's refusals and the parser's own errors alike
        raise NotAnExport(str(error)) from error
    channel = tree.getroot().find("channel")
    if channel is None:
        raise NotAnExport("no channel")
    wp = next(
        (ns for ns in WP_NAMESPACES if channel.find(f"{{{ns}}}wxr_version") is not None), None
    )
    if wp is None:
        raise NotAnExport("no wxr_version")
    w = f"{{{wp}}}"

    categories = {}
    for element in channel.findall(f"{w}category"):
        slug = _text(element, f"{w}category_nicename")
        if slug:
            categories[slug] = Category(
                slug=slug,
                name=_text(element, f"{w}cat_name") or slug,
                parent=_text(element, f"{w}category_parent"),
            )

    entries = []
    for item in channel.findall("item"):
        excerpt = next(
            (_text(item, f"{{{ns}}}encoded") for ns in EXCERPT_NAMESPACES
             if item.find(f"{{{ns}}}encoded") is not None),
            "",
        )  # fmt: skip
        item_categories = []
        for element in item.findall("category"):
            slug = element.get("nicename", "")
            if element.get("domain") == "category" and slug:
                item_categories.append(slug)
                # Exports of single posts name categories the channel does not list.
                categories.setdefault(
                    slug, Category(slug=slug, name=(element.text or slug).strip(), parent="")
                )
        thumbnail = None
        for meta in item.findall(f"{w}postmeta"):
            if _text(meta, f"{w}meta_key") == "_thumbnail_id":
                thumbnail = _int(_text(meta, f"{w}meta_value")) or None
        entries.append(
            Entry(
                id=_int(_text(item, f"{w}post_id")),
                kind=_text(item, f"{w}post_type"),
                title=_text(item, "title"),
                link=_text(item, "link"),
                guid=_text(item, "guid"),
                slug=_text(item, f"{w}post_name"),
                status=_text(item, f"{w}status"),
                published_at=_date(_text(item, f"{w}post_date_gmt"), _text(item, f"{w}post_date")),
                content=(item.findtext(CONTENT) or "").strip(),
                excerpt=excerpt,
                parent_id=_int(_text(item, f"{w}post_parent")),
                categories=item_categories,
                attachment_url=_text(item, f"{w}attachment_url"),
                password=_text(item, f"{w}post_password"),
                thumbnail_id=thumbnail,
            )
        )
    return Export(
        title=_text(channel, "title"),
        link=_text(channel, "link"),
        base_url=_text(channel, f"{w}base_site_url") or _text(channel, "link"),
        categories=categories,
        entries=entries,
    )
