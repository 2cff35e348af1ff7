"""The survey's public pages, included by the project's URLconf at ``survey/``."""

from django.urls import path

from prakat.survey.views import survey_form, survey_results_page, survey_thanks

urlpatterns = [
    path("", survey_form, name="survey"),
    path("thanks/", survey_thanks, name="survey_thanks"),
    path("results/", survey_results_page, name="survey_results"),
]
