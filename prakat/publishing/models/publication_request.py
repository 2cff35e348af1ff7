"""The publication request: a staff member's request to publish an item, or an update to one.

The request's journey runs on Wagtail's workflow engine (the task models of ``tasks``); the
request keeps what the paper form kept: who asked, on behalf of which unit, which category,
and, once it is through, who published it and when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import WorkflowState

from prakat.agency.models import Unit, display_name, position_of
from prakat.content import site_version
from prakat.content.models import CategoryPage, InformationItemPage
from prakat.publishing.choices import ReceivedAs, RequestKind
from prakat.publishing.routing import step_name


class PublicationRequest(models.Model):
    """A staff member's request to publish an item, or an update to one."""

    page = models.ForeignKey(
        InformationItemPage,
        on_delete=models.CASCADE,
        related_name="publication_requests",
        verbose_name=_("information item"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="publication_requests",
        verbose_name=_("requester"),
    )
    # Name and position as they were when the request was made, as on a signed paper form.
    requester_name = models.CharField(_("requester's name"), max_length=255)
    requester_position = models.CharField(_("requester's position"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="publication_requests", verbose_name=_("unit")
    )
    category_key = models.SlugField(
        _("category"),
        max_length=100,
        blank=True,
        help_text=_("The checklist key of the item's category when it was asked for."),
    )
    remarks = models.TextField(_("remarks"), blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    workflow_state = models.OneToOneField(
        WorkflowState,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publication_request",
    )
    # The urgent path: published on someone's word, their written approval owed afterwards.
    verbal_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved verbally by"),
    )
    verbal_approved_at = models.DateTimeField(_("verbal approval given at"), null=True, blank=True)
    verbal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verbal approval recorded by"),
    )
    # A request that came on paper or by e-mail, recorded by a webmaster for its unit.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    received_as = models.CharField(
        pgettext_lazy("how the signed form came", "received"),
        max_length=10,
        choices=ReceivedAs.choices,
        blank=True,
    )
    signed_form = models.ForeignKey(
        "content.AgencyDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the signed request form"),
    )
    form_opened_at = models.DateTimeField(_("form opened at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    publisher_name = models.CharField(_("publisher's name"), max_length=255, blank=True)
    publisher_position = models.CharField(_("publisher's position"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("publication request")
        verbose_name_plural = _("publication requests")
        ordering = ["-created_at", "-pk"]
        # The lists read requests newest first, a page at a time.
        indexes = [models.Index(fields=["-created_at", "-id"], name="request_newest_first")]

    def __str__(self) -> str:
        return self.page.draft_title or self.page.title

    @classmethod
    def for_workflow_state(cls, state: WorkflowState) -> PublicationRequest | None:
        """The request a workflow run belongs to.

        A request is saved just before its workflow starts, so the first task may look for it
        before the two are linked: it is then the page's newest unlinked request. A page sent
        into the workflow from Wagtail's own editor gets a request made from its submitter.
        """
        publication_request = (
            cls.objects.filter(workflow_state=state).select_related("unit__agency").first()
        )
        if publication_request is not None:
            return publication_request
        publication_request = (
            cls.objects.filter(page_id=state.object_id, workflow_state__isnull=True)
            .select_related("unit__agency")
            .order_by("-created_at", "-pk")
            .first()
        )
        if publication_request is None:
            publication_request = cls._from_editor_submission(state)
            if publication_request is None:
                return None
        publication_request.workflow_state = state
        publication_request.save(update_fields=["workflow_state"])
        return publication_request

    @classmethod
    def _from_editor_submission(cls, state: WorkflowState) -> PublicationRequest | None:
        page = InformationItemPage.objects.filter(pk=state.object_id).first()
        user = state.requested_by
        if page is None or user is None:
            return None
        # The owner unit's head decides on every change to its items, whoever asks.
        unit = page.owner_unit
        return cls.objects.create(
            page=page,
            kind=RequestKind.UPDATE if page.live else RequestKind.NEW,
            requester=user,
            requester_name=display_name(user),
            requester_position=position_of(user, unit),
            unit=unit,
        )

    @classmethod
    def for_page(cls, page) -> PublicationRequest | None:
        """The request whose workflow the page is in now, if any."""
        state = page.current_workflow_state if page is not None else None
        return cls.for_workflow_state(state) if state is not None else None

    def category_keys(self) -> list[str]:
        """The checklist keys of the item's category and its parents, top first: where the
        item is filed now (a draft does not move it). Kept per site version by the category's
        place in the tree, which only a change to the site moves: the lists and the
        dashboard ask it of every request waiting."""
        parent_path = self.page.path[: -InformationItemPage.steplen]

        def keys() -> list[str]:
            chain = CategoryPage.objects.filter(
                path__in=[parent_path[:end] for end in range(4, len(parent_path) + 1, 4)]
            ).order_by("depth")
            return [key for key in chain.values_list("checklist_key", flat=True) if key]

        return site_version.remembered_in("category keys", parent_path, keys, limit=5000)

    @property
    def owes_written_approval(self) -> bool:
        """Published urgently with an approval step still to be given in writing."""
        return any(w.given_at is None for w in self.written_approvals.all())

    @property
    def status_label(self) -> str:
        if self.published_at:
            # What the item is now: an item that came down reads so, whatever the request did.
            if self.page.archived_at is not None:
                return str(pgettext_lazy("request status", "Taken down at its publication end"))
            if not self.page.live:
                return str(pgettext_lazy("request status", "Taken down"))
            return str(pgettext_lazy("request status", "Published"))
        state = self.workflow_state
        if state is None:
            return str(_("Not submitted"))
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return str(_("Sent back for changes"))
        if state.status == WorkflowState.STATUS_CANCELLED:
            return str(_("Withdrawn"))
        if state.status == WorkflowState.STATUS_APPROVED:
            return str(_("Approved, waiting for its publication time"))
        # The step's class names it (``step``); its row is not read again.
        task = state.current_task_state.task.specific_deferred if state.current_task_state else None
        if task is None:
            return ""
        name = step_name(getattr(task, "step", ""), self.unit.agency, default=task.name)
        return str(_("Waiting: %(step)s") % {"step": name})
