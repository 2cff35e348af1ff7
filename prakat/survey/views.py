"""The survey's screens: the public form and results, and the staff's results and exports."""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from prakat.agency.refusal import RightRequiredMixin
from prakat.agency.rights import right
from prakat.spreadsheet import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download
from prakat.survey import results
from prakat.survey.answers import (
    COMMENT_MAX_LENGTH,
    COMMENT_RETENTION_DAYS,
    AlreadyAnswered,
    address_key,
    already_answered,
    record_response,
    visitor_key,
)
from prakat.survey.forms import PeriodForm, SurveyForm
from prakat.thai.calendar import month_period
from prakat.thai.dates import BE_OFFSET, format_date
from prakat.thai.forms import DateRangeForm

# Answers a minute from one address; more is a program, or someone who needs a moment.
POSTS_PER_MINUTE = 5


def _too_many_posts(request: HttpRequest, day: datetime.date) -> bool:
    limit = getattr(settings, "SURVEY_POSTS_PER_MINUTE", POSTS_PER_MINUTE)
    key = f"prakat:survey-posts:{address_key(request, day)}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        posts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        posts = 1
    return posts > limit


def _form_page(request: HttpRequest, form: SurveyForm | None, status: int = 200, **extra):
    context = {
        "form": form,
        "comment_limit": f"{COMMENT_MAX_LENGTH:,}",
        "retention_years": COMMENT_RETENTION_DAYS // 365,
        **extra,
    }
    return TemplateResponse(request, "survey/form.html", context, status=status)


def _answered_today(request: HttpRequest, status: int = 200) -> HttpResponse:
    return _form_page(
        request,
        None,
        status=status,
        refusal=_(
            "You have already sent today's survey. Thank you; you may answer again tomorrow."
        ),
    )


@never_cache
def survey_form(request: HttpRequest) -> HttpResponse:
    """แบบประเมินความพึงพอใจต่อเว็บไซต์: one answer a visitor a day, no account, no cookie
    beyond the form's own protection against forged posts."""
    day = timezone.localdate()
    key = visitor_key(request, day)
    if request.method != "POST":
        if already_answered(key, day):
            return _answered_today(request)
        return _form_page(request, SurveyForm())

    form = SurveyForm(request.POST)
    if _too_many_posts(request, day):
        limit = getattr(settings, "SURVEY_POSTS_PER_MINUTE", POSTS_PER_MINUTE)
        message = _(
            "Too many answers were sent from your connection: at most %(limit)s a minute. "
            "Please wait a minute and send again."
        ) % {"limit": limit}
        return _form_page(request, form, status=429, refusal=message)
    if form.is_spam:
        return redirect("survey_thanks")  # a program filled the hidden field: store nothing
    if already_answered(key, day):
        return _answered_today(request, status=409)
    if not form.is_valid():
        return _form_page(request, form)
    try:
        record_response(form.ratings(), form.cleaned_data["comment"], key)
    except AlreadyAnswered:
        return _answered_today(request, status=409)
    return redirect("survey_thanks")


def survey_thanks(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "survey/thanks.html")


def _period(form: PeriodForm) -> tuple[results.Summary, str]:
    month, year = form.period()
    if month is None:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        label = _("the whole year %(year)s") % {"year": year + BE_OFFSET}
    else:
        days = month_period(year, month)
        start, end = days.start, days.end
        label = f"{MONTHS[month]} {year + BE_OFFSET}"
    return results.summarise(start, end), label


def survey_results_page(request: HttpRequest) -> HttpResponse:
    """The results anyone may read: per question, the mean and the share at each level."""
    form = PeriodForm(request.GET or None, today=timezone.localdate())
    summary, label = _period(form)
    return TemplateResponse(
        request,
        "survey/results.html",
        {"form": form, "summary": summary, "period_label": label},
    )


SURVEY_RESULTS = right("view_survey_results")


class StaffSurveyView(RightRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """ผลการประเมินความพึงพอใจ: the public results by month, and the answers to download."""

    template_name = "survey/staff.html"
    page_title = gettext_lazy("Satisfaction survey results")
    header_icon = "list-ul"
    required_right = SURVEY_RESULTS

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        exporting = request.GET.get("format") in ("csv", "xlsx")
        range_form = DateRangeForm(
            request.GET if exporting else None,
            initial={"start": today.replace(day=1), "end": today},
        )
        if exporting and range_form.is_valid():
            return self.export(
                request.GET["format"],
                range_form.cleaned_data["start"],
                range_form.cleaned_data["end"],
            )
        period_form = PeriodForm(None if exporting else (request.GET or None), today=today)
        summary, label = _period(period_form)
        return super().get(
            request,
            *args,
            period_form=period_form,
            range_form=range_form,
            summary=summary,
            period_label=label,
            **kwargs,
        )

    def export(self, kind: str, start: datetime.date, end: datetime.date) -> HttpResponse:
        if kind == "csv":
            body = results.export_csv(start, end)
            content_type = CSV_CONTENT_TYPE
        else:
            body = results.export_xlsx(start, end)
            content_type = XLSX_CONTENT_TYPE
        return download(
            self.request,
            body,
            filename=f"survey-{start}-{end}.{kind}",
            content_type=content_type,
            what=_("Satisfaction survey answers %(start)s – %(end)s (%(format)s)")
            % {"start": format_date(start), "end": format_date(end), "format": kind.upper()},
        )
