from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "prakat.schedule"
    label = "schedule"
    verbose_name = _("Scheduled jobs")

    def ready(self) -> None:
        # Imported once every app is loaded, for what it registers: the job signals' receivers.
        from prakat.schedule import records  # noqa: F401
