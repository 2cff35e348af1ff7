from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "prakat.security"
    verbose_name = _("Security")
    default_auto_field = "django.db.models.BigAutoField"
