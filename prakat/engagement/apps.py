from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "prakat.engagement"
    label = "engagement"
    verbose_name = _("Engagement")

    def ready(self) -> None:
        from django.core.signals import request_finished

        from prakat.engagement import complaint_report, counting, eservices  # noqa: F401

        request_finished.connect(counting.flush_when_due, dispatch_uid="prakat_flush_views")
