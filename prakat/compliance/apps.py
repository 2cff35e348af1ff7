from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "prakat.compliance"
    label = "compliance"
    verbose_name = _("Compliance")

    def ready(self) -> None:
        # The scheduled jobs and log entries are declared on import.
        from prakat.compliance import expiry, jobs, log_actions  # noqa: F401
