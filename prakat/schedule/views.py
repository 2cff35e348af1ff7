"""The scheduled jobs screen: that each check really runs, and what failed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from prakat.agency.roles import Role, user_has_role
from prakat.schedule.models import JobRun

RECENT_RUNS = 100
# The people who answer for the site's currency and its records.
ROLES = (Role.WEBMASTER, Role.ADMINISTRATOR, Role.AUDITOR)


def may_see_jobs(user) -> bool:
    return user.is_superuser or any(user_has_role(user, role) for role in ROLES)


class JobRunListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "schedule/job_runs.html"
    page_title = gettext_lazy("Scheduled jobs")
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_jobs(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = JobRun.objects.values("name").annotate(last=Max("pk")).values("last")
        context["latest"] = JobRun.objects.filter(pk__in=latest).order_by("name")
        context["runs"] = JobRun.objects.all()[:RECENT_RUNS]
        return context
