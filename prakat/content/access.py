"""Who may read and change which items and files: the per-object rules of the access policy.

Every path that lists, opens, previews, chooses or serves an information item or a file
asks here, so each rule is written once:

- the public, and any signed-in person, see what is live on the site;
- the people who oversee publishing (webmasters, the director, executives, auditors,
  administrators) read everything, drafts included;
- everyone else reads and changes the items of the units they belong to, and the files
  they uploaded themselves;
- a unit that publishes a category itself (the responsibility matrix's "the responsible
  unit publishes", e.g. laws by the legal unit) reads the drafts of that category's items,
  as the webmasters would, so its members can check and publish them.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import Page, ReferenceIndex

from prakat.agency.access import oversees_publishing, reads_every_request, unit_ids_of
from prakat.agency.models import Identity, Responsibility
from prakat.content.downloads import Download
from prakat.content.models import (
    CategoryPage,
    EnglishHomePage,
    GeneralPage,
    InformationItemPage,
    ItemAttachment,
)
from prakat.content.schedules import ClinicSession


def belongs_to_owner_unit(user, item) -> bool:
    return item.owner_unit_id in unit_ids_of(user)


def published_by_own_units(user, path_field: str = "path") -> Q:
    """Pages (``path_field`` names their tree path) in the categories the person's units
    publish themselves; a sub-category with its own row of the matrix follows that row.
    Read once per user object; matches nothing for everyone else."""
    cached = getattr(user, "_prakat_published_paths", None)
    if cached is None:
        cached = _published_paths(unit_ids_of(user))
        user._prakat_published_paths = cached
    included, excluded = cached
    if not included:
        return Q(pk__in=[])
    rule = Q()
    for path in included:
        rule |= Q(**{f"{path_field}__startswith": path})
    for path in excluded:
        rule &= ~Q(**{f"{path_field}__startswith": path})
    return rule


def _published_paths(units: frozenset[int]) -> tuple[list[str], list[str]]:
    if not units:
        return [], []
    rows = (
        Responsibility.objects.filter(agency__units__in=units)
        .distinct()
        .prefetch_related("responsible_units")
    )
    publishing = {
        row.category_key
        for row in rows
        if row.unit_publishes and any(u.pk in units for u in row.units())
    }
    if not publishing:
        return [], []
    others = {row.category_key for row in rows} - publishing
    categories = CategoryPage.objects.filter(checklist_key__in=publishing | others)
    paths = {c.checklist_key: c.path for c in categories.only("path", "checklist_key")}
    included = [paths[k] for k in publishing if k in paths]
    excluded = [
        paths[k] for k in others if k in paths and any(paths[k].startswith(p) for p in included)
    ]
    return included, excluded


def publishes_item(user, item) -> bool:
    """Is ``item`` in a category the person's units publish themselves?"""
    return InformationItemPage.objects.filter(published_by_own_units(user), pk=item.pk).exists()


# --- information items ------------------------------------------------------------------


def may_read_item_draft(user, item) -> bool:
    """May see what is not public of ``item``: its drafts, previews, history, files."""
    return (
        reads_every_request(user) or belongs_to_owner_unit(user, item) or publishes_item(user, item)
    )


def may_change_item(user, item) -> bool:
    """May edit ``item`` and ask for its publication: its own unit's people only. Whoever
    decides a step of its request reaches it through that step (Wagtail's task rules)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or belongs_to_owner_unit(user, item)


def hide_other_units_drafts(pages: QuerySet, user) -> QuerySet:
    """``pages`` without the never-published items of units the person is not in.

    Works on any page queryset: the items are found by their ids, so pages of other types
    pass untouched.
    """
    if reads_every_request(user):
        return pages
    hidden = (
        InformationItemPage.objects.filter(live=False)
        .exclude(owner_unit_id__in=unit_ids_of(user))
        .exclude(published_by_own_units(user))
    )
    pages = pages.exclude(pk__in=hidden.values("pk"))
    if not oversees_publishing(user):
        # A general page in draft, and the English home before it is put up, are the
        # webmasters' until they go up.
        drafts = Page.objects.type(GeneralPage, EnglishHomePage).filter(live=False)
        pages = pages.exclude(pk__in=drafts.values("pk"))
    return pages


# --- files: documents and images ---------------------------------------------------------


def documents_user_may_choose(documents: QuerySet, user) -> QuerySet:
    """The documents a person may pick for an item: those on the site, their own uploads,
    and those of their units' items."""
    if oversees_publishing(user):
        return documents
    attached = ItemAttachment.objects.filter(
        Q(page__live=True)
        | Q(page__owner_unit_id__in=unit_ids_of(user))
        | published_by_own_units(user, "page__path")
    ).values("document_id")
    return documents.filter(Q(pk__in=attached) | Q(uploaded_by_user=user))


def images_user_may_choose(images: QuerySet, user) -> QuerySet:
    """The pictures a person may put on an item (cover, album, share picture): their own
    uploads and their units' people's; the site's pictures stay theirs who chose them. Those
    who oversee publishing choose any."""
    if oversees_publishing(user):
        return images
    return images.filter(
        Q(uploaded_by_user=user) | Q(uploaded_by_user__memberships__unit_id__in=unit_ids_of(user))
    ).distinct()


def _live_page_ids(page_ids) -> set[int]:
    return set(Page.objects.filter(pk__in=page_ids).live().public().values_list("pk", flat=True))


def _referenced_by_the_site(obj) -> bool:
    """Is ``obj`` used by a live page, or by a record the site shows to everyone?

    Wagtail's reference index knows every use, links in rich text included. A page is
    indexed as stored, so a draft's new use of a file does not count until it is published.
    Records other than pages count only when their model says it shows its files to the
    public (``shows_files_to_the_public = True``, e.g. an executive's photo): unknown
    holders keep a file private.
    """
    page_type = ReferenceIndex._get_base_content_type(Page).pk
    page_ids = []
    for type_id, object_id in ReferenceIndex.get_references_to(obj).values_list(
        "base_content_type", "object_id"
    ):
        if type_id == page_type:
            page_ids.append(int(object_id))
        elif getattr(
            ContentType.objects.get_for_id(type_id).model_class(),
            "shows_files_to_the_public",
            False,
        ):
            return True
    return bool(page_ids) and bool(_live_page_ids(page_ids))


def document_is_public(document) -> bool:
    """On the site: attached to a live, public item, offered by a published download of the
    downloads centre, or used by a live page."""
    attachments = ItemAttachment.objects.filter(document=document)
    if attachments.filter(page__live=True, page__view_restrictions__isnull=True).exists():
        return True
    if Download.objects.filter(document=document, live=True).exists():
        return True
    return _referenced_by_the_site(document)


def _in_pending_changes_of(items: Q, document_pk: int) -> bool:
    """Is the document attached to the draft of a live item matching ``items`` (an update
    waiting for approval, which only its revision holds)?"""
    drafts = InformationItemPage.objects.filter(
        items, live=True, has_unpublished_changes=True
    ).select_related("latest_revision")
    for page in drafts:
        revision = page.latest_revision
        attachments = (revision.content or {}).get("attachments", []) if revision else []
        if any(a.get("document") == document_pk for a in attachments):
            return True
    return False


def may_read_document(user, document) -> bool:
    """The public reads what is on the site; staff also what their units' items hold."""
    if document_is_public(document):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if reads_every_request(user) or document.uploaded_by_user_id == user.pk:
        return True
    units = unit_ids_of(user)
    if ItemAttachment.objects.filter(
        Q(page__owner_unit_id__in=units) | published_by_own_units(user, "page__path"),
        document=document,
    ).exists():
        return True
    return _in_pending_changes_of(
        Q(owner_unit_id__in=units) | published_by_own_units(user), document.pk
    )


def _in_the_site_identity(image) -> bool:
    """The logo, emblem and pictures the agency set for its site: public the moment they are
    set, not once the reference index has caught up (a broken logo on every page)."""
    return Identity.objects.filter(
        Q(logo=image) | Q(document_emblem=image) | Q(header_image=image) | Q(share_image=image)
    ).exists()


def shown_on_the_site(image) -> bool:
    """Is the picture on the site: in the agency's identity, a doctor's photo beside a
    published clinic's sessions, or used by a live page or by a record the site shows to
    everyone?"""
    return (
        _in_the_site_identity(image)
        or ClinicSession.objects.filter(doctor__photo=image, clinic__live=True).exists()
        or _referenced_by_the_site(image)
    )


def may_read_image(user, image) -> bool:
    """As documents: the public sees an image the site uses; staff also their own uploads."""
    if shown_on_the_site(image):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return oversees_publishing(user) or image.uploaded_by_user_id == user.pk
