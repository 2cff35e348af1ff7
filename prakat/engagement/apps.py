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

        from prakat.engagement.models import Case, CaseAttachment, CaseEvent
        from prakat.thai.text import keep_plain

        # Subjects, names and file names without right-to-left overrides or zero-width
        # characters (prakat.thai.text).
        keep_plain(Case, "subject", "contact_name")
        keep_plain(CaseAttachment, "original_filename")
        keep_plain(CaseEvent, "actor_name")
