from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from prakat.agency.refusal import RightMenuItem
from prakat.schedule.views import JOBS, JobRunListView


@hooks.register("register_admin_urls")
def schedule_urls():
    return [path("scheduled-jobs/", JobRunListView.as_view(), name="scheduled_jobs")]


@hooks.register("register_settings_menu_item")
def scheduled_jobs_menu_item():
    return RightMenuItem(
        _("Scheduled jobs"), reverse("scheduled_jobs"), icon_name="time", order=900, right=JOBS
    )
