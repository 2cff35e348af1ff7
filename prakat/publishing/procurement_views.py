"""The staff screens of แบบ สขร.1: Wagtail's own listing, add, edit and delete views for the
month's procurement summary, each limited to the summaries the person may open, and its
PDF, XLSX and request to publish."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet

from prakat.agency.models import Agency, unit_of
from prakat.agency.viewsets import EVERY_STAFF_MEMBER, RightPermissionPolicy
from prakat.publishing.models.procurement_summary import ProcurementSummary
from prakat.publishing.procurement_summary import (
    PDF_TYPE,
    XLSX_TYPE,
    ProcurementSummaryForm,
    ask_to_publish,
    summary_pdf,
    summary_xlsx,
    visible_summaries,
)
from prakat.spreadsheet import download
from prakat.thai.dates import format_month

NAME = "procurement_summaries"


def _summary(request: HttpRequest, pk: int) -> ProcurementSummary:
    """The summary by id, for whoever may open it; anyone else meets 404, as if none."""
    try:
        return visible_summaries(request.user).get(pk=pk)
    except ProcurementSummary.DoesNotExist as missing:
        raise Http404 from missing


class OwnSummaries:
    """Views that find their summary through the per-object rule: editing, deleting, its
    history and where it is used; anyone else meets 404."""

    def get_base_object_queryset(self):
        return visible_summaries(self.request.user)

    def get_object(self, queryset=None):
        return _summary(self.request, int(self.kwargs[self.pk_url_kwarg]))


class HistoryView(OwnSummaries, history.HistoryView):
    pass


class UsageView(OwnSummaries, usage.UsageView):
    pass


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_summaries(self.request.user).prefetch_related("rows")


def _back_to_the_list(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect(reverse(f"{NAME}:index"))


class CreateView(generic.CreateView):
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if unit_of(request.user) is None:
            return _back_to_the_list(
                request,
                _("You are not a member of any unit, so you cannot enter a summary. "
                  "Ask the administrator to add you to your unit."),
            )  # fmt: skip
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # The summary is the asker's unit's, of this agency: nobody chooses another.
        form.instance.agency = Agency.current()
        form.instance.unit = unit_of(self.request.user)
        form.instance.created_by = self.request.user
        return form


class SentIsFinal:
    """A summary sent for publication is what was published: it is not changed or deleted."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        summary = _summary(request, int(kwargs["pk"]))
        if summary.publication_request_id is not None:
            return _back_to_the_list(
                request,
                _("This summary has been sent for publication and can no longer be changed; "
                  "enter the corrections as a request to update the published item."),
            )  # fmt: skip
        return super().dispatch(request, *args, **kwargs)


class EditView(SentIsFinal, OwnSummaries, generic.EditView):
    pass


class DeleteView(SentIsFinal, OwnSummaries, generic.DeleteView):
    pass


class MonthColumn(Column):
    def get_value(self, instance: ProcurementSummary) -> str:
        return format_month(instance.month.year, instance.month.month)


class ContentColumn(Column):
    def get_value(self, instance: ProcurementSummary) -> str:
        if instance.no_procurement:
            return _("No procurement in this month.")
        return _("%(count)d procurements") % {"count": len(instance.rows.all())}


class ActionsColumn(Column):
    """The form's files, and its request: to send (a form with the person's own token), or
    sent. Columns are shared by every request a worker serves at once, so the request is
    read from the cell's context, never kept on the column."""

    def actions(self, instance: ProcurementSummary, request: HttpRequest):
        links = [
            (reverse(f"{NAME}:pdf", args=[instance.pk]), "PDF"),
            (reverse(f"{NAME}:xlsx", args=[instance.pk]), "XLSX"),
        ]
        files = format_html_join(" · ", '<a href="{}">{}</a>', links)
        if instance.publication_request_id:
            sent = format_html(
                '<a href="{}">{}</a>',
                reverse("publishing:request_detail", args=[instance.publication_request_id]),
                _("Sent for publication: open the request"),
            )
            return format_html("{} · {}", files, sent)
        return format_html(
            '{} <form method="post" action="{}" class="w-inline">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button type="submit" class="button button-small">{}</button></form>',
            files,
            reverse(f"{NAME}:request", args=[instance.pk]),
            get_token(request),
            _("Ask to publish"),
        )

    def get_value(self, instance: ProcurementSummary) -> str:
        return ""  # drawn with the request, in get_cell_context_data

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = self.actions(instance, parent_context["request"])
        return context


def _file_view(make, extension: str, content_type: str):
    """The summary as a file, for whoever may open it; each download in the audit log."""

    def view(request: HttpRequest, pk: int) -> HttpResponse:
        summary = _summary(request, pk)
        return download(
            request, make(summary), filename=f"skhr1-{summary.month:%Y-%m}.{extension}",
            content_type=content_type, what=str(summary), summary=summary.pk,
        )  # fmt: skip

    return view


pdf_view = _file_view(summary_pdf, "pdf", PDF_TYPE)
xlsx_view = _file_view(summary_xlsx, "xlsx", XLSX_TYPE)


@require_POST
def request_view(request: HttpRequest, pk: int) -> HttpResponse:
    summary = _summary(request, pk)
    try:
        publication_request = ask_to_publish(summary, request.user)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect(reverse(f"{NAME}:index"))
    messages.success(request, _("The summary was sent for publication."))
    return redirect(reverse("publishing:request_detail", args=[publication_request.pk]))


class ProcurementSummaryViewSet(ModelViewSet):
    model = ProcurementSummary
    name = NAME
    icon = "table"
    menu_label = gettext_lazy("Procurement summaries (SKhR 1)")
    add_to_admin_menu = True
    menu_order = 260
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_display = [
        MonthColumn("month", label=gettext_lazy("month")),
        "unit",
        ContentColumn("content", label=gettext_lazy("procurements")),
        ActionsColumn("actions", label=gettext_lazy("form and request")),
    ]
    list_filter = []
    edit_handler = ObjectList(
        [
            FieldPanel("month"),
            FieldPanel("no_procurement"),
            InlinePanel(
                "rows", heading=gettext_lazy("Procurements"), label=gettext_lazy("procurement")
            ),
        ],
        base_form_class=ProcurementSummaryForm,
    )

    @property
    def permission_policy(self) -> RightPermissionPolicy:
        # Every staff member in a unit enters their unit's summaries; which ones each may
        # open is the per-object rule (visible_summaries).
        every = EVERY_STAFF_MEMBER
        return RightPermissionPolicy(
            self.model, {"view": every, "add": every, "change": every, "delete": every}
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/pdf/", pdf_view, name="pdf"),
            path("<int:pk>/xlsx/", xlsx_view, name="xlsx"),
            path("<int:pk>/request/", request_view, name="request"),
        ]
