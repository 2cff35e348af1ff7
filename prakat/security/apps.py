from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "prakat.security"
    verbose_name = _("Security")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from prakat import spreadsheet

        # Every CSV and XLSX made by Wagtail's exports keeps would-be formulas as text.
        spreadsheet.install()
