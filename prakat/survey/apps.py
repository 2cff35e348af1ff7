from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    """The website satisfaction survey: the public's answers, their results and retention."""

    name = "prakat.survey"
    label = "survey"
    verbose_name = _("Satisfaction survey")

    def ready(self) -> None:
        # Imported for the scheduled job it registers.
        from prakat.survey import retention  # noqa: F401
