"""The scheduled jobs screen: that each check really runs, and what failed."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from prakat.agency.refusal import RightRequiredMixin
from prakat.agency.rights import right
from prakat.schedule.models import JobRun

RECENT_RUNS = 100
# The people who answer for the site's currency and its records.
JOBS = right("view_jobs")


class JobRunListView(RightRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "schedule/job_runs.html"
    page_title = gettext_lazy("Scheduled jobs")
    header_icon = "time"
    required_right = JOBS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = JobRun.objects.values("name").annotate(last=Max("pk")).values("last")
        context["latest"] = JobRun.objects.filter(pk__in=latest).order_by("name")
        context["runs"] = JobRun.objects.all()[:RECENT_RUNS]
        return context
