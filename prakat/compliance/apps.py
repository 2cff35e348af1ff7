from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "prakat.compliance"
    label = "compliance"
    verbose_name = _("Compliance")

    def ready(self) -> None:
        from prakat.compliance import jobs  # noqa: F401  (declares the scheduled jobs)
