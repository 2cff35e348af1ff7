"""Staff screens for publication requests: ask, open, decide, fix, withdraw, print.

The listings (requests, notifications, monthly reports) are the ViewSets of ``viewsets.py``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site, TaskState

from prakat.agency.access import oversees_publishing, reads_every_request
from prakat.agency.models import Membership
from prakat.agency.refusal import RightRequiredMixin
from prakat.agency.rights import right
from prakat.content.access import published_by_own_units
from prakat.content.personal_data import scan_item
from prakat.publishing import printing, submission
from prakat.publishing.forms import DetailsCorrectionForm
from prakat.publishing.models import (
    DirectorApprovalTask,
    Outcome,
    PublicationRequest,
    ReviewTask,
    UnitHeadApprovalTask,
    WebmasterPublishTask,
)
from prakat.publishing.request_form import PublicationRequestForm, RecordedRequestForm
from prakat.publishing.timing import format_duration, format_standard, step_times


def visible_requests(user):
    """The requests a person may open: their own, their units' (for heads), those of the
    categories their units publish themselves, or all."""
    publication_requests = PublicationRequest.objects.select_related(
        "page", "unit__agency", "workflow_state__current_task_state__task"
    )
    if reads_every_request(user):
        return publication_requests
    headed = Membership.objects.filter(user=user, is_head=True).values("unit")
    return publication_requests.filter(
        Q(requester=user) | Q(unit__in=headed) | published_by_own_units(user, "page__path")
    )


def _home(request: HttpRequest):
    site = Site.find_for_request(request)
    return site.root_page if site else None


class PublishingAdminMixin(WagtailAdminTemplateMixin):
    """Breadcrumbs that say where the person is: home › publication requests › this."""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("publication_requests:index"), "label": _("Publication requests")},
            {"url": "", "label": self.get_page_title()},
        ]


class RequestCreateView(PublishingAdminMixin, FormView):
    template_name = "publishing/request_form.html"
    form_class = PublicationRequestForm
    page_title = gettext_lazy("Ask to publish information")
    header_icon = "doc-full-inverse"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "home": _home(self.request), "user": self.request.user}

    def get_initial(self):
        # A renewal reminder links here with its category chosen (?category=<page id>).
        category = self.request.GET.get("category", "")
        return {"category": int(category)} if category.isdigit() else {}

    def form_valid(self, form):
        try:
            created = submission.submit(
                self.request.user,
                form.category_page(),
                form.details(),
                item=form.cleaned_data.get("item"),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your request “%(title)s” was sent to %(step)s.")
            % {"title": created, "step": created.status_label},
        )
        return redirect("publishing:request_detail", created.pk)


class RequestRecordView(RightRequiredMixin, RequestCreateView):
    """A webmaster records a request that came on paper or by e-mail, for its unit."""

    required_right = right("record_requests")
    form_class = RecordedRequestForm
    page_title = gettext_lazy("Record a request that came on paper or by e-mail")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "recording": True}

    def form_valid(self, form):
        try:
            created = submission.submit(
                form.cleaned_data["on_behalf_of"],
                form.category_page(),
                form.details(),
                item=form.cleaned_data.get("item"),
                recorded_by=self.request.user,
                received_as=form.cleaned_data["received_as"],
                signed_form=form.cleaned_data["signed_form"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, ValidationError(getattr(error, "messages", [str(error)])))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The request “%(title)s” was recorded for %(requester)s and sent to %(step)s.")
            % {
                "title": created,
                "requester": created.requester_name,
                "step": created.status_label,
            },
        )
        return redirect("publishing:request_detail", created.pk)


def signed_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The scanned form of a recorded request, for those who may open the request."""
    publication_request = get_object_or_404(
        visible_requests(request.user).filter(signed_form__isnull=False), pk=pk
    )
    document = publication_request.signed_form
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_filename or document.filename,
    )
    response["Cache-Control"] = "private, no-cache"
    return response


class RequestEditView(RequestCreateView):
    """The requester fixes a request that was sent back, and sends it again."""

    page_title = gettext_lazy("Fix and send the request again")

    def dispatch(self, request, *args, **kwargs):
        self.publication_request = get_object_or_404(
            visible_requests(request.user), pk=kwargs["pk"]
        )
        if self.publication_request.requester_id != request.user.pk:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "attached": self.attached_files()}

    @cached_property
    def draft(self):
        """The item as the request last left it (its latest revision)."""
        return self.publication_request.page.get_latest_revision_as_object()

    def attached_files(self) -> list[str]:
        return [
            attachment.document.original_filename or attachment.document.filename
            for attachment in self.draft.attachments.all()
        ]

    def get_initial(self):
        page = self.draft
        return {
            "category": page.get_parent().pk,
            "summary": submission.summary_text(page.body),
            "item": self.publication_request.page
            if self.publication_request.kind == "update"
            else None,
            "title": page.title,
            "external_link": page.external_link,
            "source_reference": page.source_reference,
            "photo_credit": page.cover_credit,
            "data_period_start": page.data_period_start,
            "data_period_end": page.data_period_end,
            "publication_end": page.publication_end,
            "remarks": self.publication_request.remarks,
            "urgent": self.publication_request.urgent,
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "publication_request": self.publication_request,
        }

    def form_valid(self, form):
        try:
            submission.resubmit(self.publication_request, self.request.user, form.details())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your request was sent again."))
        return redirect("publishing:request_detail", self.publication_request.pk)


def waiting_for(user) -> list[PublicationRequest]:
    """Requests whose current step waits for ``user``."""
    state_ids: set[int] = set()
    for task_class in (
        UnitHeadApprovalTask,
        ReviewTask,
        DirectorApprovalTask,
        WebmasterPublishTask,
    ):
        for task in task_class.objects.all():
            state_ids.update(
                task.get_task_states_user_can_moderate(user).values_list(
                    "workflow_state_id", flat=True
                )
            )
    return list(
        PublicationRequest.objects.filter(workflow_state_id__in=state_ids)
        .exclude(requester=user)
        .select_related("page", "unit")
    )


def written_approvals_owed(user) -> list[PublicationRequest]:
    """Urgent items still waiting for a written approval: those whose owed step the person
    holds, or all of them for those who oversee publishing."""
    owed = (
        # One join: a request with no written approvals would match a NULL given_at too.
        PublicationRequest.objects.filter(
            written_approvals__pk__isnull=False, written_approvals__given_at__isnull=True
        )
        .distinct()
        .select_related("page", "unit__agency", "verbal_approver")
        .prefetch_related("written_approvals")
    )
    if oversees_publishing(user):
        return list(owed)
    return [
        r
        for r in owed
        if any(w.held_by(user) for w in r.written_approvals.all() if w.given_at is None)
    ]


class RequestDetailView(PublishingAdminMixin, TemplateView):
    template_name = "publishing/request_detail.html"
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.publication_request = get_object_or_404(
            visible_requests(request.user), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.publication_request)

    @cached_property
    def personal_data(self) -> list:
        """What the personal-data scan finds in the item now: shown, and asked about only
        when something was found."""
        page = self.publication_request.page.get_latest_revision_as_object()
        return scan_item(page, self.publication_request.unit.agency)

    def current(self):
        state = self.publication_request.workflow_state
        if state is None:
            return None, None
        state.refresh_from_db()
        task_state = state.current_task_state
        if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
            return state, None
        return state, task_state

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publication_request = self.publication_request
        state, task_state = self.current()
        actions, forms = [], {}
        if task_state is not None:
            task = task_state.task.specific
            actions = task.get_actions(publication_request.page, self.request.user)
            for name, _label, _modal in actions:
                forms[name] = kwargs.get(f"{name}_form") or self.action_form(task, name)
        page = publication_request.page.get_latest_revision_as_object()
        needs_changes = state is not None and state.status == state.STATUS_NEEDS_CHANGES
        context.update(
            personal_data=self.personal_data,
            publication_request=publication_request,
            page=page,
            attachments=[a.document for a in page.attachments.all()],
            decisions=publication_request.decisions.all(),
            # Why it came back, first thing on the page for whoever fixes it.
            needs_changes=needs_changes,
            sent_back=(
                publication_request.decisions.filter(outcome=Outcome.REJECTED)
                .order_by("-decided_at", "-pk")
                .first()
                if needs_changes
                else None
            ),
            step_times=[
                (t, format_duration(t.took), format_standard(t.standard_minutes))
                for t in step_times(publication_request)
            ],
            task_state=task_state,
            actions=[(name, label, forms.get(name)) for name, label, _m in actions],
            correction_form=(
                kwargs.get("correction_form")
                or DetailsCorrectionForm(
                    prefix="correct",
                    initial={
                        "source_reference": page.source_reference,
                        "data_period_start": page.data_period_start,
                        "data_period_end": page.data_period_end,
                    },
                )
                if self.may_correct(task_state)
                else None
            ),
            can_fix=needs_changes and publication_request.requester_id == self.request.user.pk,
            written_approvals=publication_request.written_approvals.select_related(
                "verbal_by", "given_by"
            ),
            can_confirm_written=any(
                w.given_at is None and w.held_by(self.request.user)
                for w in publication_request.written_approvals.all()
            ),
            can_withdraw=(
                publication_request.requester_id == self.request.user.pk
                and state is not None
                and state.status in (state.STATUS_IN_PROGRESS, state.STATUS_NEEDS_CHANGES)
            ),
        )
        return context

    def may_correct(self, task_state) -> bool:
        """The one who would publish the request now may correct its source and period."""
        if task_state is None:
            return False
        task = task_state.task.specific
        return getattr(task, "step", "") == "webmaster" and any(
            name == "approve"
            for name, _label, _modal in task.get_actions(
                self.publication_request.page, self.request.user
            )
        )

    def correct_details(self, request: HttpRequest) -> HttpResponse:
        publication_request = self.publication_request
        _state, task_state = self.current()
        if not self.may_correct(task_state):
            messages.error(
                request,
                _(
                    "The source and the data period are corrected by whoever publishes the "
                    "request, at the publishing step."
                ),
            )
            return redirect("publishing:request_detail", publication_request.pk)
        form = DetailsCorrectionForm(request.POST, prefix="correct")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(correction_form=form))
        page = publication_request.page.get_latest_revision_as_object()
        page.source_reference = form.cleaned_data["source_reference"]
        page.data_period_start = form.cleaned_data["data_period_start"]
        page.data_period_end = form.cleaned_data["data_period_end"]
        # A new draft of the item, logged as the webmaster's edit; publishing puts it live.
        page.save_revision(user=request.user, log_action=True)
        messages.success(request, _("The source and the data period were corrected."))
        return redirect("publishing:request_detail", publication_request.pk)

    def action_form(self, task, action: str, data=None):
        form_class = task.get_form_for_action(action)
        if action != "publish_urgent" and not getattr(
            form_class, "takes_publication_request", False
        ):
            return form_class(data, prefix=action)
        extra = {"user": self.request.user} if action == "publish_urgent" else {}
        return form_class(
            data,
            prefix=action,
            publication_request=self.publication_request,
            personal_data_found=bool(self.personal_data),
            **extra,
        )

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        publication_request = self.publication_request
        action = request.POST.get("action", "")
        if action == "confirm_written":
            try:
                submission.confirm_written_approval(publication_request, request.user)
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, _("Your written approval was recorded."))
            return redirect("publishing:request_detail", publication_request.pk)
        if action == "correct_details":
            return self.correct_details(request)
        if action == "withdraw":
            try:
                submission.withdraw(publication_request, request.user)
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, _("The request was withdrawn."))
            return redirect("publishing:request_detail", publication_request.pk)
        _state, task_state = self.current()
        if task_state is None:
            messages.error(request, _("This request has already been decided."))
            return redirect("publishing:request_detail", publication_request.pk)
        task = task_state.task.specific
        form = self.action_form(task, action, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(**{f"{action}_form": form}))
        try:
            task.on_action(task_state, request.user, action, **form.cleaned_data)
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not decide on this request."))
        else:
            messages.success(request, _("Your decision was recorded."))
        return redirect("publishing:request_detail", publication_request.pk)


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def request_form_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    publication_request = get_object_or_404(visible_requests(request.user), pk=pk)
    return _pdf_response(
        printing.request_form_pdf(publication_request),
        _("request-form-%(number)s.pdf") % {"number": pk},
    )


def memo_pdf(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The memo for one request, or for those ticked in the list (``?ids=1&ids=2``)."""
    ids = [pk] if pk is not None else [int(i) for i in request.GET.getlist("ids") if i.isdigit()]
    chosen = list(visible_requests(request.user).filter(pk__in=ids).order_by("created_at"))
    if not chosen or len(chosen) != len(set(ids)):
        raise Http404
    return _pdf_response(printing.memo_pdf(chosen), _("memo-%(number)s.pdf") % {"number": ids[0]})
