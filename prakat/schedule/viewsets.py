"""The scheduled jobs screen: that each check really runs, and what failed."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, Table

from prakat.agency.rights import right
from prakat.agency.viewsets import ListingView, ListingViewSet
from prakat.schedule.models import JobRun

# The people who answer for the site's currency and its records.
JOBS = right("view_jobs")


def run_columns(*, sortable: bool) -> list[Column]:
    def sort(key: str) -> str | None:
        return key if sortable else None

    return [
        Column("name", label=gettext_lazy("job"), sort_key=sort("name")),
        Column("started_at", label=gettext_lazy("started at"), sort_key=sort("started_at")),
        Column("finished_at", label=gettext_lazy("finished at"), sort_key=sort("finished_at")),
        StatusTagColumn(
            "status",
            label=gettext_lazy("status"),
            accessor="get_status_display",
            # A failure stands out: it is what the screen is for.
            primary=lambda run: run.status == JobRun.Status.FAILED,
            sort_key=sort("status"),
        ),
        Column(
            "result",
            label=gettext_lazy("result"),
            accessor=lambda run: " ".join(part for part in (run.summary, run.error) if part),
        ),
    ]


def job_names() -> list[tuple[str, str]]:
    names = JobRun.objects.order_by("name").values_list("name", flat=True).distinct()
    return [(name, name) for name in names]


class JobRunFilterSet(WagtailFilterSet):
    name = django_filters.ChoiceFilter(
        label=gettext_lazy("job"), choices=job_names, empty_label=gettext_lazy("All")
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("status"),
        choices=JobRun.Status.choices,
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
    )
    started_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("started at"), widget=DateRangePickerWidget
    )

    class Meta:
        model = JobRun
        fields = []


class JobRunIndexView(ListingView):
    """Every run, newest first; above them the latest run of each job."""

    template_name = "schedule/job_run_index.html"
    empty_message = gettext_lazy("No job has run yet. Is the worker running?")

    def latest_runs(self) -> QuerySet:
        latest = JobRun.objects.values("name").annotate(last=Max("pk")).values("last")
        return JobRun.objects.filter(pk__in=latest).order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            latest = list(self.latest_runs())
            context["latest"] = latest
            context["latest_table"] = Table(run_columns(sortable=False), latest)
        return context


class JobRunViewSet(ListingViewSet):
    model = JobRun
    name = "job_runs"
    url_prefix = "scheduled-jobs"
    icon = "time"
    menu_label = gettext_lazy("Scheduled jobs")
    menu_order = 900
    add_to_settings_menu = True
    required_right = JOBS
    index_view_class = JobRunIndexView
    list_display = run_columns(sortable=True)
    filterset_class = JobRunFilterSet
    search_fields = ["name", "summary", "error"]
    ordering = "-started_at"
    list_per_page = 50
