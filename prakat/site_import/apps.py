from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteImportConfig(AppConfig):
    """Bringing an agency's old website (a WordPress export) onto its Prakat site."""

    name = "prakat.site_import"
    label = "site_import"
    verbose_name = _("Old website import")
