from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from prakat.schedule.views import JobRunListView, may_see_jobs


@hooks.register("register_admin_urls")
def schedule_urls():
    return [path("scheduled-jobs/", JobRunListView.as_view(), name="scheduled_jobs")]


class JobsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see_jobs(request.user)


@hooks.register("register_settings_menu_item")
def scheduled_jobs_menu_item():
    return JobsMenuItem(_("Scheduled jobs"), reverse("scheduled_jobs"), icon_name="time", order=900)
