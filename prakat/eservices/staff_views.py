"""The staff's screens of one case: its page, each step taken on it (a small view with its own
form, posted from the page), a permission-checked download of its files; the complaint
statistics; and the earlier addresses of the handlers setting.

A case is found through :func:`cases.visible_cases` only: one a person may not see is
answered with 404, as if it did not exist. Each opening of a corruption complaint, its page
or a file, is written in the audit log.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from prakat.agency.models import Agency
from prakat.agency.refusal import RightRequiredMixin
from prakat.eservices import cases, complaint_report
from prakat.eservices.forms import AssignForm, CloseForm, NoteForm, ReplyForm
from prakat.eservices.models import Case, CaseKind, CaseStatus, CorruptionComplaintHandlers
from prakat.thai.calendar import fiscal_year, fiscal_year_period
from prakat.thai.dates import format_date

# The viewset's URL namespace (see viewsets.CaseViewSet).
NAMESPACE = "eservices_admin"


def case_url(case: Case) -> str:
    return reverse(f"{NAMESPACE}:case", args=[case.pk])


def visible_case(request: HttpRequest, pk: int) -> Case:
    try:
        return cases.visible_cases(request.user).select_related("unit", "agency").get(pk=pk)
    except Case.DoesNotExist:
        raise Http404 from None


class CaseView(InspectView):
    """A case: its particulars, what was sent, its files and history, and a form for each
    step that may be taken now. Each opening of a corruption complaint is logged."""

    model = Case
    template_name = "eservices/admin/case.html"
    # Who sees a case is the per-object rule (visible_cases), asked in get_object: a case a
    # person may not see does not exist for them.
    any_permission_required = None

    def get_object(self, queryset=None) -> Case:
        return visible_case(self.request, self.pk)

    def get_fields(self) -> list[str]:
        return []  # the template shows the case's particulars itself

    def get_page_title(self) -> str:
        return _("Case %(code)s") % {"code": self.object.display_code}

    def get_page_subtitle(self) -> str:
        return self.object.subject

    def get(self, request, *args, **kwargs):
        cases.record_opening(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        step_forms = {step.name: step.blank_form(case) for step in STEPS if step.form_class}
        step_forms.update(kwargs.get("bound_forms", {}))
        context.update(
            case=case,
            events=case.events.select_related("actor"),
            attachments=case.attachments.all(),
            answered=case.public_replies().exists(),
            is_question=case.kind == CaseKind.QUESTION,
            closed=case.status == CaseStatus.CLOSED,
            forms=step_forms,
            steps={
                step.name: reverse(f"{NAMESPACE}:{step.name}", args=[case.pk]) for step in STEPS
            },
        )
        return context


class StepRefused(Exception):
    """The step cannot be taken on this case; the message says why, in the person's language."""


class CaseStep(CaseView):
    """One step staff take on a case, posted from its page: the step's form (if it has one),
    what the step does (one transaction, in ``cases``) and what it says when done.

    A form that does not pass shows the case's page again, with what was typed and the
    rule broken, and nothing is recorded.
    """

    http_method_names = ["post"]
    #: The step's URL name and path, under the case's.
    name = ""
    form_class: type[forms.Form] | None = None
    form_prefix: str | None = None

    @classmethod
    def form_kwargs(cls, case: Case) -> dict:
        return {"prefix": cls.form_prefix}

    @classmethod
    def blank_form(cls, case: Case) -> forms.Form:
        return cls.form_class(**cls.form_kwargs(case))

    def take(self, case: Case, data: dict, actor) -> str:
        """Take the step; what to tell the person. Raise :class:`StepRefused` to refuse."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs) -> HttpResponse:
        case = self.object
        form = None
        if self.form_class is not None:
            form = self.form_class(request.POST, **self.form_kwargs(case))
            if not form.is_valid():
                messages.error(request, _("The step was not taken: correct the form below."))
                context = self.get_context_data(bound_forms={self.name: form})
                return self.render_to_response(context, status=400)
        try:
            done = self.take(case, form.cleaned_data if form else {}, request.user)
        except StepRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, done)
        return redirect(case_url(case))


class Assign(CaseStep):
    name = "assign"
    form_class = AssignForm

    @classmethod
    def form_kwargs(cls, case: Case) -> dict:
        return {"agency": case.agency, "initial": {"unit": case.unit_id}}

    def take(self, case: Case, data: dict, actor) -> str:
        cases.assign(case, data["unit"], actor)
        return _("Assigned to %(unit)s.") % {"unit": data["unit"]}


class Reply(CaseStep):
    name = "reply"
    form_class = ReplyForm
    form_prefix = "reply"

    def take(self, case: Case, data: dict, actor) -> str:
        cases.reply(case, data["reply"], actor, note=data["note"])
        return _("The reply is on the tracking page.")


class Note(CaseStep):
    name = "note"
    form_class = NoteForm
    form_prefix = "note"

    def take(self, case: Case, data: dict, actor) -> str:
        cases.add_note(case, data["note"], actor)
        return _("The note was added.")


class Close(CaseStep):
    name = "close"
    form_class = CloseForm
    form_prefix = "close"

    def take(self, case: Case, data: dict, actor) -> str:
        cases.close(case, actor, note=data["note"])
        return _("The case was closed.")


class Reopen(CaseStep):
    name = "reopen"

    def take(self, case: Case, data: dict, actor) -> str:
        cases.reopen(case, actor)
        return _("The case was reopened.")


class PublishQuestion(CaseStep):
    name = "publish"
    published = True

    def take(self, case: Case, data: dict, actor) -> str:
        try:
            cases.set_published_as_qa(case, self.published, actor)
        except ValueError:
            raise StepRefused(_("Only a question with a reply can be published.")) from None
        if self.published:
            return _("The question and its answer are on the public Q&A list.")
        return _("The question was removed from the public Q&A list.")


class UnpublishQuestion(PublishQuestion):
    name = "unpublish"
    published = False


# The steps, in the order the case's page offers them.
STEPS: list[type[CaseStep]] = [
    Reply,
    Assign,
    Note,
    Close,
    Reopen,
    PublishQuestion,
    UnpublishQuestion,
]


def download_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    case = visible_case(request, pk)
    attachment = get_object_or_404(case.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    cases.record_opening(case, request.user, attachment)
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the named handlers of corruption complaints --------------------------------------------


def handlers_setting_url(*args) -> str:
    model = CorruptionComplaintHandlers._meta
    return reverse("wagtailsettings:edit", args=[model.app_label, model.model_name, *args])


def handlers(request: HttpRequest) -> HttpResponseRedirect:
    """The handlers are named in their site setting; the earlier address leads there."""
    if not cases.may_name_handlers(request.user):
        raise PermissionDenied
    return redirect(handlers_setting_url())


def handlers_before_the_split(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The setting's address while e-services were part of the "engagement" app: Wagtail's
    settings screen, which checks who may change the list, is at the new one."""
    return redirect(handlers_setting_url(*([pk] if pk is not None else [])), permanent=True)


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


class ReportView(RightRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "eservices/admin/report.html"
    page_title = gettext_lazy("Complaint statistics")
    header_icon = "table"
    required_right = cases.HANDLE_CASES

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
