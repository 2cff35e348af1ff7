"""Bringing the old site in, as the webmaster mapped it.

First, with nothing written: each post and page is judged (published on the old site, in a
mapped category) and the files it uses are fetched from the old site's address — that
address only, under ``/wp-content/uploads/`` — and checked by the upload policy, as any
upload is. Then, in one transaction: the files become documents and pictures, the posts
information items in their categories (dated as on the old site, the pictures in their text,
the files attached, the featured image as cover), the pages general pages, each old address
a permanent redirect to the new one, and a report row for everything, brought in or not,
with the reason. A failure writes nothing but the reason.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import requests
from bs4 import BeautifulSoup, Comment
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Page
from wagtail.rich_text import RichText

from prakat.agency.models import Agency
from prakat.content.general_approval import needs_approval
from prakat.content.going_live import publication_authorised
from prakat.content.models import (
    AgencyDocument,
    CategoryPage,
    GeneralPage,
    InformationItemPage,
    ItemAttachment,
)
from prakat.content.upload_policy import IMAGE_EXTENSIONS, UploadPolicy, extension_of
from prakat.site_import import wxr
from prakat.site_import.models import Outcome, ReportRow, SiteImport, Stage

UPLOADS = "/wp-content/uploads/"
IMPORTED_ACTION = "prakat.imported_from_old_site"
FETCH_TIMEOUT = 30
# A size-suffixed copy WordPress made of a picture: photo-300x200.jpg of photo.jpg.
SIZED_COPY = re.compile(r"-\d+x\d+(\.[A-Za-z0-9]+)$")
BLOCK_START = re.compile(
    r"<(/?)(p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|figure|!--)[\s>/-]", re.I
)
SHORTCODE = re.compile(r"\[/?[a-zA-Z_][\w-]*(?:\s[^\]]*)?\]")
KEPT_TAGS = {"p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "ul", "ol", "li", "a", "hr"}
RENAMED_TAGS = {"h1": "h2", "h5": "h4", "h6": "h4"}
DROPPED_TAGS = {"script", "style", "iframe", "object", "embed", "form", "noscript"}


@dataclass
class Fetched:
    url: str
    name: str
    path: Path | None = None
    refusal: str = ""
    made: object = None  # the document or image, once written


@dataclass
class Plan:
    """What the import will do, decided before anything is written."""

    posts: list[tuple[wxr.Entry, CategoryPage]] = field(default_factory=list)
    pages: list[wxr.Entry] = field(default_factory=list)
    rows: list[ReportRow] = field(default_factory=list)
    files: dict[str, Fetched] = field(default_factory=dict)  # by the old URL


class Fetcher:
    """Fetches files of the old site from where they are now, nowhere else."""

    def __init__(self, old_base: str, files_base: str, policy: UploadPolicy, folder: Path):
        self.old = urlsplit(old_base)
        self.now = urlsplit(files_base or old_base)
        self.policy = policy
        self.folder = folder
        self.session = requests.Session()

    def is_old_file(self, url: str) -> bool:
        parts = urlsplit(url)
        return (
            parts.scheme in ("http", "https", "")
            and parts.netloc in ("", self.old.netloc)
            and UPLOADS in parts.path
        )

    def fetch(self, url: str) -> Fetched:
        parts = urlsplit(url)
        name = unquote(os.path.basename(parts.path))
        found = Fetched(url=url, name=name)
        address = urlunsplit((self.now.scheme, self.now.netloc, parts.path, "", ""))
        try:
            response = self.session.get(
                address, timeout=FETCH_TIMEOUT, stream=True, allow_redirects=False
            )
        except requests.RequestException:
            found.refusal = _("The file could not be fetched from the old website.")
            return found
        with response:
            if response.status_code != 200:
                found.refusal = _(
                    "The old website answered %(status)s for this file: it could not be fetched."
                ) % {"status": response.status_code}
                return found
            path = self.folder / f"{len(os.listdir(self.folder))}{Path(name).suffix.lower()}"
            # A file said to be over the limit is not read at all; one that says nothing is
            # read up to the limit. Either way the policy names the rule and the real size
            # where it is known.
            size = int(response.headers.get("Content-Length") or 0)
            with path.open("wb") as out:
                if size <= self.policy.max_bytes:
                    size = 0
                    for chunk in response.iter_content(64 * 1024):
                        size += len(chunk)
                        if size > self.policy.max_bytes:
                            break
                        out.write(chunk)
        found.path = path
        try:
            with path.open("rb") as handle:
                checked = File(handle, name=name)
                checked.size = size
                self.policy.check(checked)
        except ValidationError as refusal:
            found.refusal = " ".join(refusal.messages)
            found.path = None
        return found


def _original_of(url: str, attachments: set[str]) -> str:
    """The full-size picture a resized copy was made from, when the export lists it."""
    original = SIZED_COPY.sub(r"\1", url)
    return original if original in attachments else url


def _paragraphs(html: str) -> str:
    """WordPress stores text with blank lines between paragraphs and adds the tags only when
    it shows a post (and keeps shortcodes such as [caption] for its own use): the text is
    given its paragraphs here, and the shortcodes' brackets taken out (their words stay)."""
    html = SHORTCODE.sub("", html)
    chunks = [c.strip() for c in re.split(r"\n\s*\n", html) if c.strip()]
    return "".join(
        chunk if BLOCK_START.match(chunk) else f"<p>{chunk.replace(chr(10), '<br>')}</p>"
        for chunk in chunks
    )


def _files_in(entry: wxr.Entry, fetcher: Fetcher, attachments: set[str]) -> list[str]:
    soup = BeautifulSoup(entry.content, "html.parser")
    found = []
    for tag, attribute in (("img", "src"), ("a", "href")):
        for element in soup.find_all(tag):
            url = element.get(attribute, "")
            if fetcher.is_old_file(url):
                found.append(_original_of(urljoin(fetcher.old.geturl(), url), attachments))
    return found


def plan(site_import: SiteImport, export: wxr.Export, fetcher: Fetcher) -> Plan:
    result = Plan()
    attachments = {e.id: e for e in export.of_kind("attachment")}
    attachment_urls = {e.attachment_url for e in attachments.values()}
    categories = {
        page.pk: page
        for page in CategoryPage.objects.filter(
            pk__in=[pk for pk in site_import.category_map.values() if pk]
        )
    }
    wanted: list[wxr.Entry] = []
    for entry in export.of_kind("post"):
        target = next(
            (
                categories.get(site_import.category_map.get(slug))
                for slug in entry.categories
                if categories.get(site_import.category_map.get(slug))
            ),
            None,
        )
        if entry.status != "publish":
            result.rows.append(_row(entry, Outcome.SKIPPED, _not_published(entry)))
        elif target is None:
            names = ", ".join(
                export.categories[s].name for s in entry.categories if s in export.categories
            )
            result.rows.append(
                _row(
                    entry,
                    Outcome.SKIPPED,
                    _(
                        "Its categories on the old website (%(names)s) are not mapped to a "
                        "category here."
                    )
                    % {"names": names or _("none")},
                )
            )
        else:
            result.posts.append((entry, target))
            wanted.append(entry)
    for entry in export.of_kind("page"):
        if not site_import.import_pages:
            result.rows.append(_row(entry, Outcome.SKIPPED, _("Old pages were not asked for.")))
        elif entry.status != "publish":
            result.rows.append(_row(entry, Outcome.SKIPPED, _not_published(entry)))
        else:
            result.pages.append(entry)
            wanted.append(entry)
    for entry in wanted:
        urls = _files_in(entry, fetcher, attachment_urls)
        cover = attachments.get(entry.thumbnail_id) if entry.thumbnail_id else None
        if cover is not None and cover.attachment_url:
            urls.append(cover.attachment_url)
        for url in urls:
            if url not in result.files:
                result.files[url] = fetcher.fetch(url)
    return result


def _not_published(entry: wxr.Entry) -> str:
    return _("It was not published on the old website (its status there: %(status)s).") % {
        "status": entry.status or "?"
    }


def _row(entry: wxr.Entry, outcome: str, reason: str = "", new_url: str = "") -> ReportRow:
    kind = {"post": _("Post"), "page": _("Page")}.get(entry.kind, entry.kind)
    return ReportRow(
        kind=kind,
        title=entry.title or f"#{entry.id}",
        old_url=entry.link,
        new_url=new_url,
        outcome=outcome,
        reason=reason,
    )


def _write_file(fetched: Fetched, user, collection) -> object:
    with fetched.path.open("rb") as handle:
        if extension_of(fetched.name) in IMAGE_EXTENSIONS:
            image = get_image_model()(
                title=os.path.splitext(fetched.name)[0][:255],
                file=File(handle, name=fetched.name),
                uploaded_by_user=user,
                collection=collection,
            )
            image._set_image_file_metadata()
            image.save()
            return image
        document = AgencyDocument(
            title=os.path.splitext(fetched.name)[0][:255],
            file=File(handle, name=fetched.name),
            uploaded_by_user=user,
            collection=collection,
        )
        document.save()
        return document


def _rich_text(
    entry: wxr.Entry, fetcher: Fetcher, files: dict[str, Fetched], attachment_urls: set[str]
) -> tuple[str, list]:
    """The entry's text in the site's rich-text form, and the documents it links to."""
    soup = BeautifulSoup(_paragraphs(entry.content), "html.parser")
    documents = []
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()  # the block editor's markers
    for element in soup.find_all(DROPPED_TAGS):
        element.decompose()
    for table in soup.find_all("table"):
        # The site's text has no tables: each row a paragraph, its cells apart.
        rows = []
        for tr in table.find_all("tr"):
            cells = [cell.get_text(" ", strip=True) for cell in tr.find_all(("td", "th"))]
            row = soup.new_tag("p")
            row.string = " · ".join(cell for cell in cells if cell)
            rows.append(row)
        table.replace_with(*rows)
    for element in soup.find_all("img"):
        url = element.get("src", "")
        fetched = files.get(_original_of(urljoin(fetcher.old.geturl(), url), attachment_urls))
        if fetched is not None and fetched.made is not None:
            embed = soup.new_tag("embed")
            embed.attrs = {
                "embedtype": "image",
                "id": str(fetched.made.pk),
                "format": "fullwidth",
                "alt": element.get("alt", "") or fetched.made.title,
            }
            element.replace_with(embed)
        else:
            element.decompose()
    for element in soup.find_all("a"):
        href = element.get("href", "")
        fetched = files.get(_original_of(urljoin(fetcher.old.geturl(), href), attachment_urls))
        if fetched is not None and isinstance(fetched.made, AgencyDocument):
            element.attrs = {"linktype": "document", "id": str(fetched.made.pk)}
            documents.append(fetched.made)
        elif fetched is not None and fetched.made is not None:
            element.attrs = {"href": href}
        elif fetcher.is_old_file(href) or not href:
            element.unwrap()  # a file that did not come: its words stay
        else:
            parts = urlsplit(href)
            if parts.netloc == fetcher.old.netloc:
                # A link to another page of the old site: its old path, which now redirects.
                href = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
            if parts.scheme in ("http", "https", "mailto", ""):
                element.attrs = {"href": href}
            else:
                element.unwrap()
    for element in soup.find_all(True):
        if element.name in ("embed",):
            continue
        if element.name in RENAMED_TAGS:
            element.name = RENAMED_TAGS[element.name]
        if element.name not in KEPT_TAGS:
            element.unwrap()
        elif element.name != "a":
            element.attrs = {}
    return str(soup).strip(), documents


def _parents_first(pages: list[wxr.Entry]) -> list[wxr.Entry]:
    """The old pages with each parent before its children, so a child page goes under it."""
    ids = {page.id for page in pages}

    def depth(page: wxr.Entry, seen: frozenset = frozenset()) -> int:
        parent = next((p for p in pages if p.id == page.parent_id), None)
        if parent is None or page.parent_id not in ids or page.id in seen:
            return 0
        return 1 + depth(parent, seen | {page.id})

    return sorted(pages, key=depth)


def _picture(fetched: Fetched | None):
    made = fetched.made if fetched is not None else None
    return None if made is None or isinstance(made, AgencyDocument) else made


def _slug(entry: wxr.Entry, parent: Page) -> str:
    base = f"{entry.published_at or timezone.now():%Y%m%d}-{entry.id}"
    slug, number = base, 1
    while Page._slug_is_available(slug, parent) is False:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _brought_in(site_import: SiteImport, entry: wxr.Entry, page: Page) -> ReportRow:
    """The page just added: its first revision (live unless it waits for the director), the
    old addresses redirected to it, the import in its history."""
    revision = page.save_revision(user=site_import.confirmed_by, log_action=False)
    if page.live:
        page.live_revision = revision
        page.save(update_fields=["live_revision"])
    # Its permalink, its guid, and WordPress's short address (?p= / ?page_id=), which
    # links inside the old site's own text often use.
    short = f"/?page_id={entry.id}" if entry.kind == "page" else f"/?p={entry.id}"
    for old in dict.fromkeys((entry.link, entry.guid, short)):
        _redirect(site_import.site, old, page)
    log(
        instance=page,
        action=IMPORTED_ACTION,
        user=site_import.confirmed_by,
        data={"import": site_import.pk, "old_url": entry.link},
    )
    if not page.live:
        return _row(
            entry,
            Outcome.IMPORTED,
            _(
                "Brought in as a draft: the director approves general pages before they are "
                "published. Its old address leads here once it is published."
            ),
        )
    return _row(entry, Outcome.IMPORTED, new_url=page.url or "")


def _redirect(site, old_url: str, page: Page) -> None:
    if not old_url:
        return
    parts = urlsplit(old_url)
    path = Redirect.normalise_path(urlunsplit(("", "", parts.path or "/", parts.query, "")))
    if path in ("", "/"):
        return
    Redirect.objects.update_or_create(
        site=site, old_path=path, defaults={"redirect_page": page, "is_permanent": True}
    )


def run(site_import: SiteImport) -> None:
    """Bring the old site in as mapped; the report rows say what came and what did not."""
    with site_import.export_file.open("rb") as handle:
        export = wxr.read(handle)
    agency = Agency.for_site(site_import.site)
    policy = UploadPolicy.for_agency(agency)
    attachment_urls = {e.attachment_url for e in export.of_kind("attachment")}
    attachments = {e.id: e for e in export.of_kind("attachment")}
    with tempfile.TemporaryDirectory() as folder:
        fetcher = Fetcher(export.base_url, site_import.files_url, policy, Path(folder))
        decided = plan(site_import, export, fetcher)
        _write(site_import, export, decided, fetcher, attachment_urls, attachments)


@transaction.atomic
def _write(site_import, export, decided: Plan, fetcher, attachment_urls, attachments) -> None:
    user = site_import.confirmed_by
    collection = Collection.get_first_root_node()
    for fetched in decided.files.values():
        if fetched.refusal:
            decided.rows.append(
                ReportRow(
                    kind=_("File"), title=fetched.name, old_url=fetched.url,
                    outcome=Outcome.REFUSED, reason=fetched.refusal,
                )
            )  # fmt: skip
        else:
            fetched.made = _write_file(fetched, user, collection)
    home = site_import.site.root_page.specific
    with publication_authorised():
        for entry, category in decided.posts:
            body, documents = _rich_text(entry, fetcher, decided.files, attachment_urls)
            cover = attachments.get(entry.thumbnail_id) if entry.thumbnail_id else None
            cover_file = decided.files.get(cover.attachment_url) if cover else None
            when = entry.published_at or timezone.now()
            item = InformationItemPage(
                title=entry.title[:255],
                slug=_slug(entry, category),
                owner_unit=site_import.owner_unit,
                body=body,
                cover_image=_picture(cover_file),
                first_published_at=when,
                last_published_at=when,
                live=True,
            )
            for document in dict.fromkeys(documents):
                item.attachments.add(ItemAttachment(document=document))
            category.add_child(instance=item)
            decided.rows.append(_brought_in(site_import, entry, item))
        made: dict[int, Page] = {}
        # Where the agency's director approves general pages first, they come as drafts.
        pages_live = not needs_approval(home)
        for entry in _parents_first(decided.pages):
            body, _documents = _rich_text(entry, fetcher, decided.files, attachment_urls)
            when = entry.published_at or timezone.now()
            parent = made.get(entry.parent_id, home)
            page = GeneralPage(
                title=entry.title[:255],
                slug=_slug(entry, parent),
                intro="",
                body=[("text", RichText(body))] if body else [],
                first_published_at=when if pages_live else None,
                last_published_at=when if pages_live else None,
                live=pages_live,
            )
            parent.add_child(instance=page)
            made[entry.id] = page
            decided.rows.append(_brought_in(site_import, entry, page))
    for row in decided.rows:
        row.site_import = site_import
    ReportRow.objects.bulk_create(decided.rows)
    site_import.stage = Stage.DONE
    site_import.finished_at = timezone.now()
    site_import.save(update_fields=["stage", "finished_at"])
