"""The staff's screens for complaints and questions: the list, a case with its steps and
history, a permission-checked download of its files, and the complaint statistics. The named
corruption-complaint handlers are a site setting (Settings › the handlers), which Wagtail
checks and logs.

Every screen asks :func:`eservices.visible_cases` first; a case someone may not see is
answered with 404, as if it did not exist. Each opening of a corruption complaint, its page
or a file, is written in the audit log.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from prakat.agency.models import Agency, Unit
from prakat.agency.refusal import require
from prakat.engagement import complaint_report, eservices
from prakat.engagement.eservice_forms import (
    AssignForm,
    CaseFilterForm,
    CloseForm,
    NoteForm,
    ReplyForm,
)
from prakat.engagement.models import Case, CaseKind, CaseStatus, CorruptionComplaintHandlers
from prakat.thai.calendar import fiscal_year, fiscal_year_period
from prakat.thai.dates import format_date

CASES_PER_PAGE = 50


class CaseListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "engagement/eservices/admin/case_list.html"
    page_title = gettext_lazy("Complaints and questions")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not eservices.may_use_cases(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CaseFilterForm(self.request.GET or None)
        form.fields["unit"].queryset = Unit.objects.order_by("name")
        cases = eservices.visible_cases(self.request.user).select_related("unit")
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            if data["kind"]:
                cases = cases.filter(kind=data["kind"])
            if data["status"]:
                cases = cases.filter(status=data["status"])
            if data["unit"]:
                cases = cases.filter(unit=data["unit"])
        page = Paginator(cases, CASES_PER_PAGE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            filter_form=form, page_obj=page, cases=page.object_list, query=query.urlencode()
        )
        return context


def _visible_case(request, pk: int) -> Case:
    try:
        return eservices.visible_cases(request.user).select_related("unit", "agency").get(pk=pk)
    except Case.DoesNotExist:
        raise Http404 from None


class CaseDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "engagement/eservices/admin/case_detail.html"
    header_icon = "mail"
    ACTIONS = ("assign", "reply", "note", "close", "reopen", "publish_qa", "unpublish_qa")

    def dispatch(self, request, *args, **kwargs):
        self.case = _visible_case(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("Case %(code)s") % {"code": self.case.display_code}

    def get_page_subtitle(self) -> str:
        return self.case.subject

    def forms(self, data=None, action: str = "") -> dict:
        def bound(name):
            return data if action == name else None

        return {
            "assign": AssignForm(
                bound("assign"), agency=self.case.agency, initial={"unit": self.case.unit_id}
            ),
            "reply": ReplyForm(bound("reply"), prefix="reply"),
            "note": NoteForm(bound("note"), prefix="note"),
            "close": CloseForm(bound("close"), prefix="close"),
        }

    def get(self, request, *args, **kwargs):
        eservices.record_opening(self.case, request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        context.update(
            case=case,
            events=case.events.select_related("actor"),
            attachments=case.attachments.all(),
            answered=case.public_replies().exists(),
            is_question=case.kind == CaseKind.QUESTION,
            closed=case.status == CaseStatus.CLOSED,
        )
        context.setdefault("forms", self.forms())
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in self.ACTIONS:
            raise Http404
        case, user = self.case, request.user
        forms_ = self.forms(request.POST, action)
        if action in forms_ and not forms_[action].is_valid():
            messages.error(request, _("The step was not taken: correct the form below."))
            return self.render_to_response(self.get_context_data(forms=forms_), status=400)
        data = forms_[action].cleaned_data if action in forms_ else {}
        if action == "assign":
            eservices.assign(case, data["unit"], user)
            done = _("Assigned to %(unit)s.") % {"unit": data["unit"]}
        elif action == "reply":
            eservices.reply(case, data["reply"], user, note=data["note"])
            done = _("The reply is on the tracking page.")
        elif action == "note":
            eservices.add_note(case, data["note"], user)
            done = _("The note was added.")
        elif action == "close":
            eservices.close(case, user, note=data["note"])
            done = _("The case was closed.")
        elif action == "reopen":
            eservices.reopen(case, user)
            done = _("The case was reopened.")
        else:
            try:
                eservices.set_published_as_qa(case, action == "publish_qa", user)
            except ValueError:
                messages.error(request, _("Only a question with a reply can be published."))
                return redirect("eservices_admin:case", pk=case.pk)
            done = (
                _("The question and its answer are on the public Q&A list.")
                if action == "publish_qa"
                else _("The question was removed from the public Q&A list.")
            )
        messages.success(request, done)
        return redirect("eservices_admin:case", pk=case.pk)


def download_attachment(request, pk: int, attachment_pk: int) -> FileResponse:
    case = _visible_case(request, pk)
    attachment = get_object_or_404(case.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    eservices.record_opening(case, request.user, attachment)
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the named handlers of corruption complaints --------------------------------------------


def handlers_setting_url() -> str:
    model = CorruptionComplaintHandlers._meta
    return reverse("wagtailsettings:edit", args=[model.app_label, model.model_name])


def handlers(request) -> HttpResponseRedirect:
    """The handlers are named in their site setting; the earlier address leads there."""
    if not eservices.may_name_handlers(request.user):
        raise PermissionDenied
    return redirect(handlers_setting_url())


# --- statistics -----------------------------------------------------------------------------


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Fiscal year (B.E.)"),
        min_value=2500,
        max_value=2700,
        error_messages={
            "invalid": gettext_lazy("Write the fiscal year as a Buddhist-era year, e.g. 2570."),
            "min_value": gettext_lazy("Write the fiscal year as a Buddhist-era year, e.g. 2570."),
            "max_value": gettext_lazy("Write the fiscal year as a Buddhist-era year, e.g. 2570."),
        },
    )


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "engagement/eservices/admin/report.html"
    page_title = gettext_lazy("Complaint statistics")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, eservices.HANDLE_CASES)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = Agency.for_request(self.request)
        this_year = fiscal_year(timezone.localdate())
        form = YearForm(self.request.GET or None, initial={"year": this_year})
        year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else this_year
        days = fiscal_year_period(year)
        start, end = days.start, days.end
        months = complaint_report.monthly(agency, year)
        context.update(
            form=form,
            year=year,
            year_summary=complaint_report.summarise(agency, start, end),
            months=[(format_date(m.start).split(" ", 1)[1], m) for m in months],
            period=f"{format_date(start)} – {format_date(end)}",
            published=agency
            and agency.pk
            and complaint_report.ComplaintReportPublication.objects.filter(agency=agency)
            .select_related("item")
            .order_by("-fiscal_year", "-months"),
        )
        return context
