from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "prakat.security"
    verbose_name = _("Security")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every CSV and XLSX made by Wagtail's exports keeps would-be formulas as text; the
        # guard goes into Wagtail's admin views, which are imported once every app is loaded.
        from prakat import spreadsheet

        spreadsheet.install()
