"""The public website: home, category and information item pages, and their documents."""

from __future__ import annotations

import datetime
import os
import unicodedata

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Orderable,
    Page,
    PagePermissionTester,
    PageViewRestriction,
    WorkflowState,
)
from wagtail.search import index
from wagtail.url_routing import RouteResult

from prakat.agency import embeds
from prakat.agency.models import Agency, Executive, Unit
from prakat.content import request_scope
from prakat.content.filesize import human_size
from prakat.content.general_approval import general_page_workflow, needs_approval
from prakat.content.general_blocks import GENERAL_BLOCKS
from prakat.content.going_live import refuse_unauthorised
from prakat.content.home_blocks import ALBUM_BLOCKS, HOME_BLOCKS
from prakat.content.page_forms import InformationItemForm
from prakat.content.storage import get_private_storage, unguessable_name
from prakat.content.upload_policy import UploadPolicy
from prakat.thai.segmentation import index_terms

ITEMS_PER_PAGE = 20


def clean_filename(name: str) -> str:
    """A person's file name made safe to store and to send back: no folders, no control
    characters, Thai kept as composed characters."""
    name = unicodedata.normalize("NFC", os.path.basename(name.replace("\\", "/")))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(".") or "file"
    stem, ext = os.path.splitext(name)
    return stem[: 200 - len(ext)] + ext


def document_file_path(document: AgencyDocument, filename: str) -> str:
    return unguessable_name(filename, "documents")


class AgencyDocument(AbstractDocument):
    """A Wagtail document that remembers the name it was uploaded with.

    The file is kept with the private files under a random name: no URL leads to it, and
    the document view hands it out only while an item on the site holds it, or to someone
    who may see it (``content.access``). The public downloads it under the name its author
    gave it.
    """

    file = models.FileField(
        _("file"), upload_to=document_file_path, storage=get_private_storage, max_length=255
    )
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)

    admin_form_fields = ("title", "file", "collection", "tags")

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("search_terms"),
        index.AutocompleteField("search_terms"),
    ]

    def search_terms(self) -> str:
        """Thai words and the words inside compounds, so part of a title finds it."""
        return index_terms(f"{self.title} {os.path.splitext(self.filename)[0]}")

    class Meta(AbstractDocument.Meta):
        # Wagtail checks document permissions against wagtaildocs.Document whatever the model.
        pass

    @property
    def filename(self) -> str:
        return self.original_filename or os.path.basename(self.file.name)

    @property
    def type_label(self) -> str:
        """``PDF``, ``DOCX``: the type by which the public decides to open a file."""
        return self.file_extension.upper()

    @property
    def is_picture(self) -> bool:
        return self.file_extension.lower() in ("jpg", "jpeg", "png")

    @property
    def size_label(self) -> str:
        return human_size(self.file_size)

    def has_new_file(self) -> bool:
        return bool(self.file) and not getattr(self.file, "_committed", True)

    def clean(self) -> None:
        # Wagtail's own clean checks the extension only; the policy checks content and size.
        if self.has_new_file():
            try:
                UploadPolicy.current().check(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    def save(self, *args, **kwargs) -> None:
        if self.has_new_file():
            self.original_filename = clean_filename(self.file.name)
            if self.file_size is None or not self.file_hash:
                # Wagtail's forms set these; files added in code (demo, tests) need them too.
                self._set_document_file_metadata()
        super().save(*args, **kwargs)


def public(pages: models.QuerySet) -> models.QuerySet:
    """``pages`` without private ones: Wagtail reads every view restriction to leave those
    out, which a site without any need not do."""
    # site_version keys its memory by a model of this module.
    from prakat.content.site_version import any_view_restrictions

    return pages.public() if any_view_restrictions() else pages


class PublicPage:
    """What the site's page types share when they are served."""

    @property
    def localized(self) -> Page:
        """In Thai, the page itself: Wagtail asks this of every page a link in rich text names,
        and its own answer reads the active locale each time. (Only the home page has a
        translation, the English home; ``HomePage.localized`` answers for it.)"""
        if translation.get_language() in (None, settings.LANGUAGE_CODE):
            return self
        return super().localized

    def get_view_restrictions(self):
        # site_version keys its memory by a model of this module.
        from prakat.content.site_version import any_view_restrictions

        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class SharedPage(models.Model):
    """A page with its own picture for when it is shared (Open Graph); without one, the
    agency's picture stands in (``agency.identity``)."""

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("picture when shared"),
        help_text=_("Shown when the page is shared on social media; 1200 × 630 pixels is best."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("share_image")]

    class Meta:
        abstract = True


def refuse_embeds_not_allowed(page: Page) -> None:
    """Refuse, in Thai, a page whose blocks embed from a provider its agency does not allow
    (a page not yet in the tree is the default site's)."""
    site = page.get_site() if page.pk else None
    agency = Agency.for_site(site) if site is not None else Agency.current()
    addresses = [
        block.value["embed"].url
        for block in page.body
        if block.block_type == "embed" and block.value["embed"] is not None
    ]
    if agency is not None and (message := embeds.refusal(agency.embed_providers, addresses)):
        raise ValidationError(message)


class HomePage(PublicPage, SharedPage, Page):  # noqa: DJ008 (Page's own: the title)
    intro = RichTextField(_("welcome text"), blank=True)
    body = StreamField(
        HOME_BLOCKS,
        blank=True,
        # One announcement opens over the page; a second would wait behind it.
        block_counts={"popup": {"max_num": 1}},
        verbose_name=_("home page blocks"),
        help_text=_(
            "An alert, slides, news, quick links and banners, each optional, in the order "
            "given. Published by a webmaster; information items still need a request."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.CategoryPage", "content.GeneralPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def permissions_for_user(self, user) -> HomePermissionTester:
        return kept_tester(SiteHomePermissionTester, user, self)

    def get_workflow(self):
        # The home page's tree carries the publication requests' workflow for the items in it;
        # the home page itself is published by webmasters, never submitted to it.
        return None

    @property
    def has_workflow(self) -> bool:
        # Asked by Wagtail of the parent when a page is added: only general pages are added
        # here by hand, and they go to the director where the agency asks for it.
        return needs_approval(self)

    def clean(self) -> None:
        super().clean()
        refuse_embeds_not_allowed(self)

    @property
    def localized(self) -> Page:
        """This page in the language being answered: itself in Thai, the English home under
        ``/en/`` once it is live (Wagtail routes every request through this, and its own
        answer reads the locale each time)."""
        if translation.get_language() in (None, settings.LANGUAGE_CODE):
            return self
        # The English version reads its home through this module's models.
        from prakat.content.english import english_home_of

        return english_home_of(self) or self

    def route(self, request, path_components):
        """Find the page an address names in one look-up by its path (indexed), instead of
        Wagtail's one a level: an item four levels down costs two queries, not eight. None of
        the site's page types routes its children itself, so nothing is skipped."""
        if translation.get_language() not in (None, settings.LANGUAGE_CODE):
            # Asked for under /en/ while the English pages are not up: the Thai pages are
            # not there too.
            raise Http404
        if not path_components:
            return super().route(request, path_components)
        found = _page_at(f"{self.url_path}{'/'.join(path_components)}/")
        if found is None:
            raise Http404
        model = ContentType.objects.get_for_id(found[1]).model_class()
        pages = model._default_manager.filter(pk=found[0])
        if shown_with := getattr(model, "shown_with", ()):
            pages = pages.select_related(*shown_with)
        page = pages.first()
        if page is None or not page.live:
            raise Http404
        return RouteResult(page)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_items"] = (
            public(InformationItemPage.objects.descendant_of(self).live())
            .select_related("owner_unit")
            .order_by("-first_published_at")[:6]
        )
        return context


class WrittenPage:
    """What the pages a webmaster writes share (general pages, the English home): the
    director's approval where the agency asks for it, embeds only from allowed providers, the
    pages under them listed."""

    def get_workflow(self):
        """The director's approval where the agency asks for it; otherwise none (not the
        publication requests' workflow, which the home page's tree carries for items)."""
        return general_page_workflow() if needs_approval(self) else None

    @property
    def has_workflow(self) -> bool:
        # Wagtail offers "submit" by this (a page under it, new or not), starts by the above.
        return needs_approval(self)

    def clean(self) -> None:
        super().clean()
        refuse_embeds_not_allowed(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific().order_by("path")
        return context


class GeneralPage(WrittenPage, PublicPage, SharedPage, Page):  # noqa: DJ008 (Page's own: the title)
    """A page the webmaster writes for the public: a service, a clinic, opening hours, how to
    find the agency. Not evidence the checklist asks for: the completeness dashboard and the
    ITA view never count it. In the main menu after the checklist's categories when "show in
    menus" is ticked, in the webmaster's order."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence or two shown under the title.")
    )
    body = StreamField(GENERAL_BLOCKS, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["content.HomePage", "content.EnglishHomePage", "content.GeneralPage"]
    subpage_types = ["content.GeneralPage"]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body_text"),
    ]

    class Meta:
        verbose_name = _("general page")
        verbose_name_plural = _("general pages")

    def permissions_for_user(self, user) -> GeneralPagePermissionTester:
        return kept_tester(GeneralPagePermissionTester, user, self)

    def body_text(self) -> str:
        """The text of the page's blocks (headings, text, captions, links' titles), as the
        search reads it: drawn from the blocks' own text, not their HTML."""
        return " ".join(self.body.stream_block.get_searchable_content(self.body))


class EnglishHomePage(WrittenPage, PublicPage, SharedPage, Page):  # noqa: DJ008 (Page's own: the title)
    """The home of the site's English pages (``prakat.content.english``): a welcome and the
    pages under it, in its menu."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence or two shown under the title.")
    )
    body = StreamField(GENERAL_BLOCKS, blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    # Only general pages: the checklist's categories and items are Thai, and only Thai counts.
    subpage_types = ["content.GeneralPage"]
    template = "content/general_page.html"

    class Meta:
        verbose_name = _("English home page")
        verbose_name_plural = _("English home pages")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        # Made by the skeleton beside its Thai home page, as its translation; never by hand.
        return False

    def permissions_for_user(self, user) -> GeneralPagePermissionTester:
        # Published as a general page is: by those who publish, or through the director's
        # approval where the agency asks for it; taken down, never deleted or moved.
        return kept_tester(EnglishHomePermissionTester, user, self)


# Kept per site version in each process, at most: addresses (a few megabytes at most), and
# the topics of categories (a site has about a hundred categories).
ADDRESSES_KEPT = 10_000
CATEGORIES_KEPT = 1_000


def _page_at(url_path: str) -> tuple[int, int] | None:
    """The id and type of the page at ``url_path``, read once a site version (any change to
    a page moves the version on, so a moved or renamed page is looked up afresh)."""
    # site_version keys its memory by a model of this module.
    from prakat.content.site_version import remembered_in

    return remembered_in(
        "page addresses",
        url_path,
        lambda: Page.objects.filter(url_path=url_path).values_list("pk", "content_type_id").first(),
        limit=ADDRESSES_KEPT,
    )


# The checklist entries whose category pages list the agency's executives, and its CIO.
EXECUTIVES_KEY = "executives"
CIO_KEY = "cio"
# The contact entries, and which of the agency's contact details (``Agency.contact_details``)
# each asks for: the details are kept once, in the settings, and shown where the checklist
# asks for them.
CONTACT_PARTS = {
    "contact": ("address", "phone", "fax", "email", "map"),
    "contact-address": ("address",),
    "contact-phone": ("phone",),
    "contact-fax": ("fax",),
    "contact-email": ("email",),
    "contact-map": ("map",),
}


def contact_shown(agency: Agency, key: str) -> dict[str, str]:
    """What the contact entry ``key`` shows of ``agency``'s settings: the parts it asks for
    that are set (the map as its embed, with a link), and beside the map its address."""
    details = agency.contact_details()
    shown = {part: details[part] for part in CONTACT_PARTS[key] if details[part].strip()}
    if "map" in shown:
        # Framed where the agency allows the map's provider; a link to it always.
        shown.update(map=agency.map_embed_url, map_link=details["map"])
        if details["address"].strip():
            shown["address"] = details["address"]  # a map reads with the address it marks
    return shown


class CategoryPage(PublicPage, SharedPage, Page):  # noqa: DJ008 (Page's own: the title)
    """A section of the site, built from one checklist entry; lists its items newest first."""

    checklist_key = models.SlugField(
        _("checklist key"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("The checklist entry this category answers; set when the site is built."),
    )
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Without Wagtail's "show in menus": the checklist puts a category in the main menu, and
    # no one takes it out by accident (general pages are added to the menu instead).
    promote_panels = [Page.promote_panels[0], FieldPanel("share_image")]
    settings_panels = [*Page.settings_panels, FieldPanel("checklist_key", read_only=True)]

    parent_page_types = ["content.HomePage", "content.CategoryPage"]
    subpage_types = ["content.CategoryPage", "content.InformationItemPage"]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("search_terms"),
        index.AutocompleteField("search_terms"),
    ]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def search_terms(self) -> str:
        return index_terms(f"{self.title} {self.intro}")

    def permissions_for_user(self, user) -> SkeletonPermissionTester:
        return kept_tester(SkeletonPermissionTester, user, self)

    def get_workflow(self):
        # A category is the checklist's, changed by webmasters; the items in it go through
        # the publication requests' workflow (their own get_workflow finds it above them).
        return None

    def subcategories(self) -> models.QuerySet:
        return public(CategoryPage.objects.child_of(self).live())

    def items(self) -> models.QuerySet:
        return (
            public(InformationItemPage.objects.child_of(self).live())
            .select_related("owner_unit")
            # Each attachment with its document in one query, not two.
            .prefetch_related(
                models.Prefetch(
                    "attachments", queryset=ItemAttachment.objects.select_related("document")
                )
            )
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # pagination and summaries keep per site version what they read, and so import
        # this module.
        from prakat.content.pagination import ItemPaginator
        from prakat.content.summaries import item_summaries

        paginator = ItemPaginator(self.items(), ITEMS_PER_PAGE, key=("category", self.pk))
        try:
            items_page = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            items_page = paginator.page(1)
        # site_version keys its memory by a model of this module.
        from prakat.content.site_version import remembered_in

        context["subcategories"] = remembered_in(
            "topics", self.pk, lambda: list(self.subcategories()), limit=CATEGORIES_KEPT
        )
        context["items_page"] = items_page
        context["item_summaries"] = item_summaries(items_page.object_list, self.items(), request)
        if self.checklist_key == EXECUTIVES_KEY:
            context["executives"] = self.executives()
        if self.checklist_key == CIO_KEY:
            context["executives"] = self.executives().filter(is_cio=True)
            context["executives_heading"] = _("Chief information officer (CIO)")
        if self.checklist_key in CONTACT_PARTS:
            context["contact"] = self.contact()
        context["category_blocks"] = self.blocks(request)
        return context

    def blocks(self, request) -> list[tuple[str, dict]]:
        """What other parts of the site show on this category: (template, its context).

        The public's services (visitor statistics, the satisfaction survey) belong on their
        checklist categories, but content cannot know them; they register a
        ``category_page_blocks`` hook instead, called with the page and the request.
        """
        found = []
        for hook in hooks.get_hooks("category_page_blocks"):
            block = hook(self, request)
            if block:
                found.append(block)
        return found

    def contact(self) -> dict[str, str]:
        """The agency's contact details this entry shows, those the settings hold."""
        agency = Agency.for_site(self.get_site())
        return contact_shown(agency, self.checklist_key) if agency is not None else {}

    def executives(self) -> models.QuerySet:
        """The agency's executives, shown on their category: the data ITA checks is kept once."""
        site = self.get_site()
        return Executive.objects.filter(agency__site=site).select_related("photo")


def kept_tester(tester_class: type[PagePermissionTester], user, page) -> PagePermissionTester:
    """One permission tester a page object and person while a request runs: Wagtail's page
    listings ask a row's page for a new tester at each column and button (ten a row), and
    each reads the person's page permissions anew."""
    kept = request_scope.table("page permission testers")
    if kept is None:
        return tester_class(user, page)
    key = (id(page), getattr(user, "pk", None))
    held = kept.get(key)
    if held is None or held[0] is not page:  # kept with the page: its id is not reused
        held = (page, tester_class(user, page))
        kept[key] = held
    return held[1]


class SkeletonPermissionTester(PagePermissionTester):
    """The home page and categories are the checklist's skeleton: copying one would copy the
    items under it onto the site beside their requests, so nobody copies them."""

    def can_copy(self) -> bool:
        return False

    def can_submit_for_moderation(self) -> bool:
        # The publication requests' workflow is for the items under them, started by the
        # request form; the skeleton itself is changed by webmasters, never submitted to it.
        return False


def current_run(page):
    """The page's open workflow run (Wagtail's ``current_workflow_state``): while a request
    runs, every page's open run is read at once and kept, for a staff screen asks it of each
    row several times over, by the row's title, its buttons and its permission checks."""
    kept = request_scope.table("open workflow runs")
    if kept is None or hasattr(page, "_current_workflow_states"):  # or a listing read it
        return page.current_workflow_state
    if not kept:
        # Every page's open run in one query: a few dozen at most, each a request on its way.
        kept[None] = None  # read, even when none is open
        kept.update(
            (int(state.object_id), state)
            for state in WorkflowState.objects.active()
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .select_related("current_task_state__task")
        )
    return kept.get(page.pk)


class HomePermissionTester(SkeletonPermissionTester):
    """The home page's blocks and the general pages are the site's furniture, put up by those
    who publish: a requester may ask for items, not change the slides or the services page."""

    def can_edit(self) -> bool:
        return super().can_edit() and self.can_publish()

    def can_add_subpage(self) -> bool:
        # Under the home page (and under general pages) only general pages are written by
        # hand; categories come from the checklist, items through their requests.
        return super().can_add_subpage() and self.can_publish()

    def can_publish_subpage(self) -> bool:
        # A new general page goes to the director first where the agency asks for it.
        return super().can_publish_subpage() and not needs_approval(self.page)

    def _publishes(self) -> bool:
        return PagePermissionTester.can_publish(self)

    # Wagtail lets whoever may change pages delete, move or take down those not live; here
    # that is the home page's tree (where requesters ask for items), so general pages would
    # be theirs to remove: only those who publish do.
    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return super().can_delete(ignore_bulk) and self._publishes()

    def can_move(self) -> bool:
        return super().can_move() and self._publishes()

    def can_unpublish(self) -> bool:
        return super().can_unpublish() and self._publishes()


class GeneralPagePermissionTester(HomePermissionTester):
    """General pages are written by those who publish; where the agency asks for its
    director's approval (``general_approval``), they submit them instead of publishing."""

    def can_publish(self) -> bool:
        return self._publishes() and not needs_approval(self.page)

    def can_edit(self) -> bool:
        return PagePermissionTester.can_edit(self) and self._publishes()

    def can_add_subpage(self) -> bool:
        return PagePermissionTester.can_add_subpage(self) and self._publishes()

    def can_submit_for_moderation(self) -> bool:
        return PagePermissionTester.can_submit_for_moderation(self)


class SiteHomePermissionTester(HomePermissionTester):
    """The home page holds the whole site: nobody deletes, moves or takes it down from the
    explorer (deleting it would delete every category and item under it)."""

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return False

    def can_move(self) -> bool:
        return False

    def can_unpublish(self) -> bool:
        return False


class EnglishHomePermissionTester(GeneralPagePermissionTester):
    """The English home is taken down when the English pages should go; it is never deleted
    or moved (the skeleton keeps it beside the Thai home as its translation)."""

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return False

    def can_move(self) -> bool:
        return False


class ItemPermissionTester(PagePermissionTester):
    """Information items reach the site only through a publication request.

    Nobody publishes one straight from the editor, superusers included; the request's last
    step (a webmaster's decision) publishes it. Only the owner unit's people edit an item and
    ask for its publication; whoever decides a step of its request reaches it through that
    step. Its drafts, previews and history are read by the same people and by those who
    oversee publishing. Items are not copied (a copy would be an item nobody asked for) and
    not moved (filing an item in its category is the publication step's). Taking an item
    down stays a plain permission.
    """

    def can_publish(self) -> bool:
        return False

    def can_edit(self) -> bool:
        # The access rules query these models: imported when asked, as Wagtail's own
        # PagePermissionTester imports its permission policy.
        from prakat.content.access import may_change_item

        if not super().can_edit():
            return False
        if may_change_item(self.user, self.page):
            return True
        # The step read from the run's own objects, which a listing prefetches and keeps:
        # Wagtail's ``current_workflow_task`` reads the step's task again at every call. The
        # steps' rules are their classes' (no field of theirs is read): the task as its class,
        # without reading its row again.
        state = current_run(self.page)
        if state is None or state.status != state.STATUS_IN_PROGRESS:
            return False
        task_state = state.current_task_state
        return task_state is not None and task_state.task.specific_deferred.user_can_access_editor(
            self.page, self.user
        )

    def can_copy(self) -> bool:
        return False

    def can_move(self) -> bool:
        return False

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        # Wagtail's rule, asked of the item alone: an item has no pages under it, and asking
        # its subtree whether any page is live scans the whole tree on SQLite (a path prefix
        # match uses no index there), once for each row of a category's listing.
        if not self.page.is_leaf():
            return super().can_delete(ignore_bulk)
        if not self.user.is_active or self.page_is_root:
            return False
        if self.user.is_superuser:
            return True
        if "change" in self.permissions:
            return "publish" in self.permissions or not self.page.live
        if "add" in self.permissions:
            owned = self.page.owner_id == self.user.pk
            return owned if "publish" in self.permissions else owned and not self.page.live
        return False

    def can_view_revisions(self) -> bool:
        # As in can_edit: the access rules query these models.
        from prakat.content.access import may_read_item_draft

        return may_read_item_draft(self.user, self.page)


def expiry_after(last_day: datetime.date) -> datetime.datetime:
    """When an item whose last day is ``last_day`` comes down: midnight, Bangkok, after it."""
    return timezone.make_aware(
        datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min)
    )


class InformationItemPage(PublicPage, SharedPage, Page):  # noqa: DJ008 (Page's own: the title)
    """One published piece of information, with the metadata the standard requires shown."""

    # Read with the item when an address is routed to it: its page shows the unit's name.
    shown_with = ("owner_unit",)

    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover picture"),
        help_text=_("Shown on the item, in its category's list and in the home page's news."),
    )
    cover_credit = models.CharField(
        _("pictures by"),
        max_length=120,
        blank=True,
        help_text=_("Who took the cover and the pictures attached."),
    )
    album = StreamField(
        ALBUM_BLOCKS,
        blank=True,
        verbose_name=_("photo album"),
        help_text=_("Photos of the activity, each with what it shows and who took it."),
    )
    owner_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("owner unit (source)"),
        help_text=_("The unit the information comes from; shown to the public as its source."),
    )
    data_period_start = models.DateField(_("data period from"), null=True, blank=True)
    data_period_end = models.DateField(_("data period to"), null=True, blank=True)
    archived_at = models.DateTimeField(
        _("taken down and archived at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Set when the item came down at its publication end; it is kept, never deleted."
        ),
    )
    body = RichTextField(_("details"), blank=True)
    external_link = models.URLField(_("external link"), blank=True, max_length=500)
    # The old website's address of an item brought in from it (``prakat.site_import``): its
    # dates are the old site's, so the item says where it was first published.
    imported_from = models.CharField(
        _("brought in from the old website"), max_length=1000, blank=True, editable=False
    )
    source_reference = models.TextField(
        _("source / reference"),
        blank=True,
        help_text=_("Where laws, knowledge and statistics come from, as the standard asks."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("owner_unit"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("data_period_start"), FieldPanel("data_period_end")]),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_credit"), FieldPanel("album")],
            heading=_("Pictures"),
        ),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Attachment")),
        FieldPanel("external_link"),
        FieldPanel("source_reference"),
    ]

    parent_page_types = ["content.CategoryPage"]
    subpage_types: list[str] = []
    base_form_class = InformationItemForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("source_reference"),
        index.SearchField("search_terms"),
        # Wagtail's admin searches pages by autocompletion: word parts must be there too.
        index.AutocompleteField("search_terms"),
        index.FilterField("owner_unit"),
    ]

    class Meta:
        verbose_name = _("information item")
        verbose_name_plural = _("information items")

    def save(self, *args, **kwargs):
        refuse_unauthorised(self, kwargs.get("update_fields"))
        return super().save(*args, **kwargs)

    def search_terms(self) -> str:
        """Thai words and the words inside compounds, so part of a phrase finds the item."""
        return index_terms(f"{self.title} {strip_tags(self.body)} {self.source_reference}")

    def permissions_for_user(self, user) -> ItemPermissionTester:
        return kept_tester(ItemPermissionTester, user, self)

    # An item's publication period ends with Wagtail's own expiry (``expire_at``, in the
    # editor's publishing settings): one field, one scheduled take-down. People and papers
    # speak of the last day the item stays on the site; these translate.
    @property
    def publication_end(self) -> datetime.date | None:
        """The last day (Bangkok) the item stays on the site, or None if it has no end."""
        if self.expire_at is None:
            return None
        return timezone.localdate(self.expire_at - datetime.timedelta(microseconds=1))

    @publication_end.setter
    def publication_end(self, last_day: datetime.date | None) -> None:
        self.expire_at = expiry_after(last_day) if last_day else None

    def clean(self) -> None:
        super().clean()
        if (
            self.data_period_start
            and self.data_period_end
            and self.data_period_end < self.data_period_start
        ):
            raise ValidationError(
                {"data_period_end": _("The data period must end on or after the day it starts.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.attachments.select_related("document")
        return context


class ItemAttachment(Orderable):
    page = ParentalKey(InformationItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        AgencyDocument, on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class SiteVersion(models.Model):
    """A number that changes whenever anything the public sees may have changed.

    Cached public pages and fragments are keyed by it (``prakat.content.site_version``), so a
    change anywhere makes every copy old at once, in every web process and on every machine
    that shares the database. One row.
    """

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("site version")

    def __str__(self) -> str:
        return str(self.number)


class SearchEntry(models.Model):
    """A page as the site's search reads it (``prakat.content.search``): its title and all its
    searched text, in the normal form queries are put in.

    The database indexes both by their three-character sequences, so any run of three or
    more characters is found without scanning: PostgreSQL with trigram GIN indexes, SQLite
    with the FTS5 tables below, which triggers keep in step with these rows (all made by
    migration 0006; a migration that rebuilds this table on SQLite must make the triggers
    again).
    """

    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    title = models.TextField()
    body = models.TextField()
    indexed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return self.title


class TitleTrigrams(models.Model):
    """SQLite only: the FTS5 trigram index of ``SearchEntry.title`` (its rowid is the page's
    id); queried with ``MATCH``."""

    rowid = models.IntegerField(primary_key=True)

    class Meta:
        managed = False
        db_table = "content_searchentry_title_fts"

    def __str__(self) -> str:
        return str(self.rowid)


class BodyTrigrams(models.Model):
    """SQLite only: the FTS5 trigram index of ``SearchEntry.body``."""

    rowid = models.IntegerField(primary_key=True)

    class Meta:
        managed = False
        db_table = "content_searchentry_body_fts"

    def __str__(self) -> str:
        return str(self.rowid)


# The footer's menu, the events, the schedules and the downloads are models of their own
# modules; Django finds them here.
from prakat.content.downloads import Download  # noqa: E402, F401
from prakat.content.events import Event  # noqa: E402, F401
from prakat.content.menus import FooterMenu  # noqa: E402, F401
from prakat.content.schedules import Clinic, ClinicChange, ClinicSession, Doctor  # noqa: E402, F401
