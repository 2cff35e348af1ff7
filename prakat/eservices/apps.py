from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EServicesConfig(AppConfig):
    """E-services: complaints and questions from the public, followed by a tracking code."""

    name = "prakat.eservices"
    label = "eservices"
    verbose_name = _("E-services")

    def ready(self) -> None:
        # Imported for what they register: signal receivers and scheduled jobs.
        from prakat.eservices import cases, complaint_report, log_actions  # noqa: F401
        from prakat.eservices.models import Case, CaseAttachment, CaseEvent
        from prakat.thai.text import keep_plain

        # Subjects, names and file names without right-to-left overrides or zero-width
        # characters (prakat.thai.text).
        keep_plain(Case, "subject", "contact_name")
        keep_plain(CaseAttachment, "original_filename")
        keep_plain(CaseEvent, "actor_name")
