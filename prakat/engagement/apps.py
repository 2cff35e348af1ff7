from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "prakat.engagement"
    label = "engagement"
    verbose_name = _("Engagement")

    def ready(self) -> None:
        from django.core.signals import request_finished

        # survey_retention declares its scheduled job on import.
        from prakat.engagement import counting, survey_retention  # noqa: F401

        request_finished.connect(counting.flush_when_due, dispatch_uid="prakat_flush_views")
