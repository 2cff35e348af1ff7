"""Making, fixing and withdrawing a publication request; each is one transaction."""

from __future__ import annotations

import datetime
import html
import re
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Collection, WorkflowState

from prakat.agency.models import display_name, position_of, responsibility_for, unit_of
from prakat.content.access import may_change_item
from prakat.content.models import AgencyDocument, CategoryPage, InformationItemPage, ItemAttachment
from prakat.publishing.choices import ReceivedAs
from prakat.publishing.models import (
    Decision,
    Notification,
    Outcome,
    PublicationRequest,
    RequestKind,
)


@dataclass
class RequestDetails:
    """What the request form asks, as on the paper form of the seeds."""

    title: str
    summary: str = ""
    external_link: str = ""
    remarks: str = ""
    source_reference: str = ""
    photo_credit: str = ""
    data_period_start: datetime.date | None = None
    data_period_end: datetime.date | None = None
    publication_end: datetime.date | None = None
    urgent: bool = False
    files: list[UploadedFile] = field(default_factory=list)
    form_opened_at: datetime.datetime | None = None


def _summary_html(summary: str) -> str:
    paragraphs = [p.strip() for p in summary.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def summary_text(body: str) -> str:
    """The summary as its writer typed it, from the item's body: the fix form shows it again."""
    text = re.sub(r"<br\s*/?>", "\n", str(body or ""))
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text)
    return html.unescape(strip_tags(text)).strip()


def _apply(page: InformationItemPage, details: RequestDetails, user) -> None:
    page.title = details.title
    page.draft_title = details.title
    page.body = _summary_html(details.summary) if details.summary else page.body
    page.external_link = details.external_link
    if details.source_reference:  # an update that leaves it empty keeps the item's source
        page.source_reference = details.source_reference
    if details.photo_credit:
        page.cover_credit = details.photo_credit
    page.data_period_start = details.data_period_start
    page.data_period_end = details.data_period_end
    page.publication_end = details.publication_end
    attachments = list(page.attachments.all())
    for file in details.files:
        attachments.append(ItemAttachment(document=_document(file, user)))
    page.attachments = attachments


def _document(file: UploadedFile, user) -> AgencyDocument:
    """A file of a request, checked as every upload is, kept private until published."""
    document = AgencyDocument(
        title=file.name.rsplit(".", 1)[0],
        file=file,
        collection=Collection.get_first_root_node(),
        uploaded_by_user=user,
    )
    document.full_clean(exclude=["tags"])
    document.save()
    return document


def _start(
    page: InformationItemPage, publication_request: PublicationRequest, user
) -> PublicationRequest:
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError(_("The site has no publication workflow; ask the webmaster."))
    state = workflow.start(page, user)
    publication_request.workflow_state = state
    publication_request.save(update_fields=["workflow_state"])
    return publication_request


def refuse_another_units_category(unit, category: CategoryPage) -> None:
    """Where the agency lets each unit ask only for its own categories, refuse the others
    with a message naming the rule; categories the matrix gives to no unit are open."""
    agency = unit.agency
    if not agency.requests_own_categories_only:
        return
    chain = CategoryPage.objects.ancestor_of(category, inclusive=True).order_by("depth")
    row = responsibility_for(agency, [c.checklist_key for c in chain if c.checklist_key])
    owners = row.units() if row is not None else []
    if not owners or unit in owners:
        return
    raise ValidationError(
        _(
            "Each unit asks to publish only in the categories the responsibility matrix gives "
            "it: “%(category)s” belongs to %(owners)s, not to %(unit)s."
        )
        % {
            "category": category.title,
            "owners": ", ".join(u.name for u in owners),
            "unit": unit.name,
        }
    )


@transaction.atomic
def submit(
    user,
    category: CategoryPage,
    details: RequestDetails,
    item: InformationItemPage | None = None,
    *,
    recorded_by=None,
    received_as: str = "",
    signed_form: UploadedFile | None = None,
) -> PublicationRequest:
    """Ask to publish a new item in ``category``, or an update to ``item``.

    A request that came on paper or by e-mail is recorded by a webmaster (``recorded_by``)
    for ``user``, with the signed form scanned; it then runs the same steps as any other.
    """
    unit = unit_of(user)
    if unit is None:
        raise ValidationError(
            _("You are not a member of any unit, so nobody can approve your request. "
              "Ask the administrator to add you to your unit.")
        )  # fmt: skip
    refuse_another_units_category(unit, category if item is None else item.get_parent().specific)
    if item is None:
        page = InformationItemPage(
            title=details.title,
            slug=f"{timezone.localdate():%Y%m%d}-{secrets.token_hex(3)}",
            owner_unit=unit,
            live=False,
            owner=user,
        )
        _apply(page, details, user)
        category.add_child(instance=page)
        kind = RequestKind.NEW
    else:
        if not may_change_item(user, item):
            raise PermissionDenied(
                _("Only the people of the unit that owns this item may ask to change it.")
            )
        if item.workflow_in_progress:
            raise ValidationError(_("This item already has a request in progress."))
        # The owner unit's head decides on every change to its items.
        unit = item.owner_unit
        page = item.get_latest_revision_as_object()
        _apply(page, details, user)
        kind = RequestKind.UPDATE
    page.save_revision(user=user, log_action=True)
    publication_request = PublicationRequest.objects.create(
        page=item or page,
        kind=kind,
        requester=user,
        requester_name=display_name(user),
        requester_position=position_of(user, unit),
        unit=unit,
        category_key=category.checklist_key,
        remarks=details.remarks,
        urgent=details.urgent,
        form_opened_at=details.form_opened_at,
        recorded_by=recorded_by,
        received_as=received_as,
        signed_form=_document(signed_form, recorded_by) if signed_form is not None else None,
    )
    if recorded_by is not None:
        Notification.send(
            [user],
            _("%(webmaster)s recorded the request “%(title)s” for you, as it came %(how)s.")
            % {
                "webmaster": display_name(recorded_by),
                "title": details.title,
                "how": ReceivedAs(received_as).label if received_as else "",
            },
            publication_request=publication_request,
        )
    return _start(page, publication_request, user)


@transaction.atomic
def resubmit(
    publication_request: PublicationRequest, user, details: RequestDetails
) -> PublicationRequest:
    """The requester's fixed request runs its steps again from the first: what changed is
    approved afresh before anyone publishes it, whichever step sent it back."""
    locked = PublicationRequest.objects.select_for_update().get(pk=publication_request.pk)
    state = locked.workflow_state
    if user.pk != locked.requester_id:
        raise PermissionDenied(_("Only the requester may fix and send the request again."))
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        raise ValidationError(_("This request is not waiting for changes."))
    page = locked.page.get_latest_revision_as_object()
    _apply(page, details, user)
    page.save_revision(user=user, log_action=True)
    locked.remarks = details.remarks
    locked.urgent = details.urgent
    locked.save(update_fields=["remarks", "urgent"])
    # Resumed at the step that sent it back, which starts the first step again when it is a
    # later one (``PublicationTask.first_step_after_send_back``).
    state.resume(user=user)
    return locked


@transaction.atomic
def withdraw(publication_request: PublicationRequest, user) -> None:
    locked = PublicationRequest.objects.select_for_update().get(pk=publication_request.pk)
    if user.pk != locked.requester_id:
        raise PermissionDenied(_("Only the requester may withdraw the request."))
    state = locked.workflow_state
    if state is None or state.status not in (
        WorkflowState.STATUS_IN_PROGRESS,
        WorkflowState.STATUS_NEEDS_CHANGES,
    ):
        raise ValidationError(_("This request can no longer be withdrawn."))
    state.cancel(user=user)


@transaction.atomic
def confirm_written_approval(publication_request: PublicationRequest, user) -> None:
    """Whoever holds an approval step an urgent item still owes gives it in writing: the
    steps they hold, whether or not they were the one who gave their word."""
    locked = PublicationRequest.objects.select_for_update().get(pk=publication_request.pk)
    owed = list(locked.written_approvals.select_for_update().filter(given_at__isnull=True))
    if not owed:
        raise ValidationError(_("The written approval was already given."))
    theirs = [w for w in owed if w.held_by(user)]
    if not theirs:
        raise PermissionDenied(
            _("Only whoever holds the step may approve it in writing: %(steps)s.")
            % {"steps": ", ".join(w.step_name for w in owed)}
        )
    now = timezone.now()
    for written in theirs:
        written.given_by, written.given_at = user, now
        written.save(update_fields=["given_by", "given_at"])
        Decision.objects.create(
            request=locked,
            step=written.step,
            outcome=Outcome.APPROVED,
            actor=user,
            actor_name=display_name(user),
            actor_position=position_of(user),
            detail=_("Written approval of an item published urgently"),
        )
