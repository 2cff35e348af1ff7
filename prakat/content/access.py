"""Who may read and change which items and files: the per-object rules of the access policy.

Every path that lists, opens, previews, chooses or serves an information item or a file
asks here, so each rule is written once:

- the public, and any signed-in person, see what is live on the site;
- the people who oversee publishing (webmasters, the director, executives, auditors,
  administrators) read everything, drafts included;
- everyone else reads and changes the items of the units they belong to, and the files
  they uploaded themselves.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import Page, ReferenceIndex

from prakat.agency.access import oversees_publishing, unit_ids_of
from prakat.content.models import InformationItemPage, ItemAttachment


def belongs_to_owner_unit(user, item) -> bool:
    return item.owner_unit_id in unit_ids_of(user)


# --- information items ------------------------------------------------------------------


def may_read_item_draft(user, item) -> bool:
    """May see what is not public of ``item``: its drafts, previews, history, files."""
    return oversees_publishing(user) or belongs_to_owner_unit(user, item)


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
    if oversees_publishing(user):
        return pages
    hidden = InformationItemPage.objects.filter(live=False).exclude(
        owner_unit_id__in=unit_ids_of(user)
    )
    return pages.exclude(pk__in=hidden.values("pk"))


# --- files: documents and images ---------------------------------------------------------


def documents_user_may_choose(documents: QuerySet, user) -> QuerySet:
    """The documents a person may pick for an item: those on the site, their own uploads,
    and those of their units' items."""
    if oversees_publishing(user):
        return documents
    attached = ItemAttachment.objects.filter(
        Q(page__live=True) | Q(page__owner_unit_id__in=unit_ids_of(user))
    ).values("document_id")
    return documents.filter(Q(pk__in=attached) | Q(uploaded_by_user=user))


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
    """On the site: attached to a live, public item, or used by a live page."""
    attachments = ItemAttachment.objects.filter(document=document)
    if attachments.filter(page__live=True, page__view_restrictions__isnull=True).exists():
        return True
    return _referenced_by_the_site(document)


def _in_pending_changes_of(units, document_pk: int) -> bool:
    """Is the document attached to the draft of a live item of ``units`` (an update waiting
    for approval, which only its revision holds)?"""
    drafts = InformationItemPage.objects.filter(
        owner_unit_id__in=units, live=True, has_unpublished_changes=True
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
    if oversees_publishing(user) or document.uploaded_by_user_id == user.pk:
        return True
    units = unit_ids_of(user)
    if ItemAttachment.objects.filter(document=document, page__owner_unit_id__in=units).exists():
        return True
    return _in_pending_changes_of(units, document.pk)


def may_read_image(user, image) -> bool:
    """As documents: the public sees an image the site uses; staff also their own uploads."""
    if _referenced_by_the_site(image):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return oversees_publishing(user) or image.uploaded_by_user_id == user.pk
