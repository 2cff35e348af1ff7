"""Bringing the old site in, as the webmaster mapped it.

First, with nothing written: each entry of the export is judged (a published post in a
mapped category, a published page, not protected by a password, not brought in by an
earlier import) and the files the chosen ones use are fetched (``fetching``) and checked by
the upload policy. Then, in one transaction: the files become documents and pictures, the
posts information items in their categories (dated as on the old site, their text rewritten
by ``cleaning``, the files attached, the featured image as cover), the pages general pages,
each old address a permanent redirect to the new page where the site does not use it
already, and a report row for every entry and file, with the reason for what did not come.
One entry that cannot be written is reported and the rest go on; a failure of the whole
leaves nothing, the files written included.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import Resolver404, resolve
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
from prakat.site_import.cleaning import Cleaner
from prakat.site_import.fetching import Fetched, Fetcher
from prakat.site_import.models import Kind, Outcome, ReportRow, SiteImport, Stage

IMPORTED_ACTION = "prakat.imported_from_old_site"
# A size-suffixed copy WordPress made of a picture: photo-300x200.jpg of photo.jpg.
SIZED_COPY = re.compile(r"-\d+x\d+(\.[A-Za-z0-9]+)$")
# Paths of the site's own that an old address never takes over.
SITE_PREFIXES = ("/en/", "/admin/", "/documents/", "/images/", "/static/", "/media/")


@dataclass
class Plan:
    """What the import will do, decided before anything is written."""

    posts: list[tuple[wxr.Entry, CategoryPage]] = field(default_factory=list)
    pages: list[wxr.Entry] = field(default_factory=list)
    rows: list[ReportRow] = field(default_factory=list)
    files: dict[str, Fetched] = field(default_factory=dict)  # by the old URL
    stored: list = field(default_factory=list)  # files written, removed again on failure


def _original_of(url: str, attachments: set[str]) -> str:
    """The full-size picture a resized copy was made from, when the export lists it."""
    original = SIZED_COPY.sub(r"\1", url)
    return original if original in attachments else url


def _row(entry: wxr.Entry, outcome: str, reason: str = "", new_url: str = "") -> ReportRow:
    kind = {"post": Kind.POST, "page": Kind.PAGE, "attachment": Kind.FILE}.get(
        entry.kind, Kind.OTHER
    )
    return ReportRow(
        kind=kind,
        title=(entry.title or f"#{entry.id}")[:500],
        old_url=(entry.attachment_url or entry.link)[:1000],
        new_url=new_url[:1000],
        outcome=outcome,
        reason=reason,
    )


def _file_row(fetched: Fetched, outcome: str, reason: str = "", new_url: str = "") -> ReportRow:
    return ReportRow(
        kind=Kind.FILE,
        title=fetched.name[:500],
        old_url=fetched.url[:1000],
        new_url=new_url[:1000],
        outcome=outcome,
        reason=reason,
    )


class Import:
    def __init__(self, site_import: SiteImport, export: wxr.Export, fetcher: Fetcher):
        self.site_import = site_import
        self.export = export
        self.fetcher = fetcher
        self.attachments = {e.id: e for e in export.of_kind("attachment")}
        self.attachment_urls = {e.attachment_url for e in self.attachments.values()}
        self.old_base = export.base_url or export.link
        self.files: dict[str, Fetched] = {}  # the plan's, by the old URL

    # --- deciding ---------------------------------------------------------------------

    def _absolute(self, url: str) -> str:
        return _original_of(urljoin(self.old_base + "/", url.strip()), self.attachment_urls)

    def _already_brought_in(self) -> dict[str, str]:
        """Old addresses an earlier import of this site brought in, and their new address."""
        return dict(
            ReportRow.objects.filter(
                site_import__site=self.site_import.site,
                site_import__stage=Stage.DONE,
                outcome=Outcome.IMPORTED,
                kind__in=(Kind.POST, Kind.PAGE),
            ).values_list("old_url", "new_url")
        )

    def plan(self) -> Plan:
        result = Plan()
        self.files = result.files
        mapping = self.site_import.category_map
        categories = {
            page.pk: page
            for page in CategoryPage.objects.descendant_of(self.site_import.site.root_page).filter(
                pk__in=[pk for pk in mapping.values() if pk]
            )
        }
        earlier = self._already_brought_in()
        wanted: list[wxr.Entry] = []
        for entry in self.export.entries:
            if entry.kind == "attachment":
                continue
            reason = self._left_out(entry, earlier)
            target = None
            if not reason and entry.kind == "post":
                target = next(
                    (
                        categories[mapping[slug]]
                        for slug in entry.categories
                        if mapping.get(slug) in categories
                    ),
                    None,
                )
                if target is None:
                    names = ", ".join(
                        self.export.categories[s].name
                        for s in entry.categories
                        if s in self.export.categories
                    )
                    reason = _(
                        "Its categories on the old website (%(names)s) are not mapped to a "
                        "category here."
                    ) % {"names": names or _("none")}
            if reason:
                result.rows.append(_row(entry, Outcome.SKIPPED, reason))
                continue
            if entry.kind == "post":
                result.posts.append((entry, target))
            else:
                result.pages.append(entry)
            wanted.append(entry)
        used: set[str] = set()
        for entry in wanted:
            for url in self._files_of(entry):
                used.add(url)
                if url not in result.files:
                    result.files[url] = self.fetcher.fetch(url)
        for attachment in self.attachments.values():
            if attachment.attachment_url not in used:
                result.rows.append(
                    _row(
                        attachment,
                        Outcome.SKIPPED,
                        _("No post or page brought in uses this file."),
                    )
                )
        return result

    def _left_out(self, entry: wxr.Entry, earlier: dict[str, str]) -> str:
        if entry.kind not in ("post", "page"):
            return _("Entries of the type “%(type)s” are not brought in.") % {"type": entry.kind}
        if entry.kind == "page" and not self.site_import.import_pages:
            return _("Old pages were not asked for.")
        if entry.status != "publish":
            return _("It was not published on the old website (its status there: %(status)s).") % {
                "status": entry.status or "?"
            }
        if entry.password:
            return _("It was protected by a password on the old website.")
        if not entry.title.strip():
            return _("It has no title.")
        if entry.link in earlier:
            return _("An earlier import brought it in already: %(address)s") % {
                "address": earlier[entry.link]
            }
        return ""

    def _files_of(self, entry: wxr.Entry) -> list[str]:
        found = []
        cover = self.attachments.get(entry.thumbnail_id) if entry.thumbnail_id else None
        if cover is not None and cover.attachment_url:
            found.append(cover.attachment_url)
        for url in re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", entry.content):
            found.append(self._absolute(url))
        return [url for url in dict.fromkeys(found) if self.fetcher.is_old_file(url)]

    # --- writing ----------------------------------------------------------------------

    def write(self, decided: Plan) -> None:
        try:
            self._write(decided)
        except BaseException:
            for stored in decided.stored:
                stored.delete(save=False)  # the rows went with the transaction; the files too
            raise

    @transaction.atomic
    def _write(self, decided: Plan) -> None:
        user = self.site_import.confirmed_by
        collection = Collection.get_first_root_node()
        for fetched in decided.files.values():
            if fetched.refusal:
                decided.rows.append(_file_row(fetched, Outcome.REFUSED, fetched.refusal))
                continue
            try:
                with transaction.atomic():
                    fetched.made = self._write_file(fetched, user, collection)
                    decided.stored.append(fetched.made.file)
            except (ValidationError, OSError, ValueError) as error:
                decided.rows.append(_file_row(fetched, Outcome.REFUSED, _reason(error)))
                continue
            new_url = getattr(fetched.made, "url", "")  # documents have one; pictures show in pages
            decided.rows.append(_file_row(fetched, Outcome.IMPORTED, new_url=new_url))
        home = self.site_import.site.root_page.specific
        with publication_authorised():
            for entry, category in decided.posts:
                decided.rows.append(self._each(entry, lambda e=entry, c=category: self._item(e, c)))
            made: dict[int, Page] = {}
            # Where the agency's director approves general pages first, they come as drafts.
            pages_live = not needs_approval(home)
            for entry in _parents_first(decided.pages):
                parent = made.get(entry.parent_id, home)
                decided.rows.append(
                    self._each(entry, lambda e=entry, p=parent: self._page(e, p, pages_live, made))
                )
        for row in decided.rows:
            row.site_import = self.site_import
        ReportRow.objects.bulk_create(decided.rows)
        self.site_import.stage = Stage.DONE
        self.site_import.finished_at = timezone.now()
        self.site_import.save(update_fields=["stage", "finished_at"])

    def _each(self, entry: wxr.Entry, write) -> ReportRow:
        """One entry written on its own: when it cannot be, it is reported and the rest go on."""
        try:
            with transaction.atomic():
                return write()
        except (ValidationError, ValueError) as error:
            return _row(entry, Outcome.REFUSED, _reason(error))

    def _write_file(self, fetched: Fetched, user, collection):
        title = os.path.splitext(fetched.name)[0][:255] or fetched.name
        with fetched.path.open("rb") as handle:
            if extension_of(fetched.name) in IMAGE_EXTENSIONS:
                image = get_image_model()(
                    title=title,
                    file=File(handle, name=fetched.name),
                    uploaded_by_user=user,
                    collection=collection,
                )
                image._set_image_file_metadata()
                image.save()
                return image
            document = AgencyDocument(
                title=title,
                file=File(handle, name=fetched.name),
                uploaded_by_user=user,
                collection=collection,
            )
            document.save()
            return document

    def _made(self, url: str, kind) -> int | None:
        fetched = self.files.get(self._absolute(url)) if url else None
        made = fetched.made if fetched is not None else None
        return made.pk if isinstance(made, kind) else None

    def _cleaner(self) -> Cleaner:
        return Cleaner(
            old_netloc=urlsplit(self.old_base).netloc,
            picture_of=lambda src: self._made(src, get_image_model()),
            document_of=lambda href: self._made(href, AgencyDocument),
            is_old_file=lambda href: self.fetcher.is_old_file(self._absolute(href)),
        )

    def _dated(self, entry: wxr.Entry):
        # Never later than now: a date to come would put the page ahead of its time.
        return min(entry.published_at or timezone.now(), timezone.now())

    def _item(self, entry: wxr.Entry, category: CategoryPage) -> ReportRow:
        cleaner = self._cleaner()
        body = cleaner.rich_text(entry.content)
        cover = self.attachments.get(entry.thumbnail_id) if entry.thumbnail_id else None
        cover_id = self._made(cover.attachment_url, get_image_model()) if cover else None
        when = self._dated(entry)
        item = InformationItemPage(
            title=entry.title[:255],
            slug=_slug(entry, category, when),
            owner_unit=self.site_import.owner_unit,
            body=body,
            imported_from=unquote(entry.link)[:1000],
            cover_image_id=cover_id,
            first_published_at=when,
            last_published_at=when,
            live=True,
        )
        for document in AgencyDocument.objects.filter(pk__in=cleaner.documents):
            item.attachments.add(ItemAttachment(document=document))
        category.add_child(instance=item)
        return self._brought_in(entry, item)

    def _page(self, entry: wxr.Entry, parent: Page, live: bool, made: dict) -> ReportRow:
        body = self._cleaner().rich_text(entry.content)
        when = self._dated(entry)
        page = GeneralPage(
            title=entry.title[:255],
            slug=_slug(entry, parent, when),
            intro="",
            body=[("text", RichText(body))] if body else [],
            first_published_at=when if live else None,
            last_published_at=when if live else None,
            live=live,
        )
        parent.add_child(instance=page)
        made[entry.id] = page
        return self._brought_in(entry, page)

    def _brought_in(self, entry: wxr.Entry, page: Page) -> ReportRow:
        """The page just added: its first revision (live unless it waits for the director),
        the old addresses redirected to it, the import in its history."""
        user = self.site_import.confirmed_by
        revision = page.save_revision(user=user, log_action=False)
        if page.live:
            page.live_revision = revision
            page.save(update_fields=["live_revision"])
        # Its permalink, its guid, and WordPress's short address (?p= / ?page_id=), which
        # links inside the old site's own text often use.
        short = f"/?page_id={entry.id}" if entry.kind == "page" else f"/?p={entry.id}"
        kept = [
            _redirect(self.site_import.site, old, page)
            for old in dict.fromkeys((entry.link, entry.guid, short))
        ]
        log(
            instance=page,
            action=IMPORTED_ACTION,
            user=user,
            data={"import": self.site_import.pk, "old_url": entry.link},
        )
        notes = [reason for reason in kept if reason]
        if not page.live:
            notes.insert(
                0,
                _(
                    "Brought in as a draft: the director approves general pages before they "
                    "are published. Its old address leads here once it is published."
                ),
            )
        return _row(entry, Outcome.IMPORTED, " ".join(notes), new_url=page.url or "")


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return _("It could not be written: %(error)s") % {"error": error}


def _parents_first(pages: list[wxr.Entry]) -> list[wxr.Entry]:
    """The old pages with each parent before its children, so a child page goes under it."""
    by_id = {page.id: page for page in pages}

    def depth(page: wxr.Entry) -> int:
        seen = {page.id}
        count = 0
        while page.parent_id in by_id and page.parent_id not in seen:
            page = by_id[page.parent_id]
            seen.add(page.id)
            count += 1
        return count

    return sorted(pages, key=depth)


def _slug(entry: wxr.Entry, parent: Page, when) -> str:
    base = f"{timezone.localtime(when):%Y%m%d}-{entry.id}"
    slug, number = base, 1
    while not Page._slug_is_available(slug, parent):
        number += 1
        slug = f"{base}-{number}"
    return slug


def _redirect(site, old_url: str, page: Page) -> str:
    """Redirect ``old_url``'s path to ``page``, unless the site uses that path already (a
    page, a screen, another redirect): then it is left as it is, and the reason returned."""
    if not old_url:
        return ""
    parts = urlsplit(old_url)
    path = Redirect.normalise_path(urlunsplit(("", "", parts.path or "/", parts.query, "")))
    if path in ("", "/"):
        return ""
    bare = path.split("?", 1)[0] + "/"
    taken = bare.startswith(SITE_PREFIXES) or bare == "/en/"
    if not taken and "?" not in path:
        try:
            taken = resolve(bare).url_name != "wagtail_serve"
        except Resolver404:
            taken = False
        home = site.root_page
        taken = taken or Page.objects.filter(url_path=f"{home.url_path}{bare.lstrip('/')}").exists()
    if taken or Redirect.objects.filter(site=site, old_path=path).exists():
        return _("Its old address %(path)s is used on this site already and was left as it is.") % {
            "path": path
        }
    Redirect.objects.create(site=site, old_path=path, redirect_page=page, is_permanent=True)
    return ""


def run(site_import: SiteImport) -> None:
    """Bring the old site in as mapped; the report rows say what came and what did not."""
    with site_import.export_file.open("rb") as handle:
        export = wxr.read(handle)
    policy = UploadPolicy.for_agency(Agency.for_site(site_import.site))
    with tempfile.TemporaryDirectory() as folder:
        fetcher = Fetcher(export.base_url, site_import.files_url, policy, Path(folder))
        bringing = Import(site_import, export, fetcher)
        bringing.write(bringing.plan())
