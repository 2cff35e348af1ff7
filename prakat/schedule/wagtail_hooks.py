from wagtail import hooks

from prakat.schedule.viewsets import JobRunViewSet


@hooks.register("register_admin_viewset")
def job_runs():
    return JobRunViewSet()
