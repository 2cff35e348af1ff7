from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "prakat.engagement"
    label = "engagement"
    verbose_name = _("Engagement")

    def ready(self) -> None:
        from django.core.signals import request_finished

        # Imported for what they register: signal receivers and scheduled jobs.
        from prakat.engagement import (  # noqa: F401
            complaint_report,
            counting,
            eservices,
            log_actions,
            survey_retention,
        )

        request_finished.connect(counting.flush_when_due, dispatch_uid="prakat_flush_views")
