from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from prakat.agency.refusal import RightMenuItem
from prakat.survey.views import SURVEY_RESULTS, StaffSurveyView

# The checklist category whose page invites the public to the satisfaction survey.
SATISFACTION_KEY = "satisfaction"


@hooks.register("category_page_blocks")
def satisfaction_survey_block(page, request):
    if page.checklist_key == SATISFACTION_KEY:
        return ("survey/block.html", {})
    return None


@hooks.register("checklist_entries_shown")
def satisfaction_survey_shown(site) -> set[str]:
    return {SATISFACTION_KEY}


@hooks.register("register_admin_urls")
def survey_urls():
    return [path("survey/", StaffSurveyView.as_view(), name="staff_survey")]


@hooks.register("register_admin_menu_item")
def survey_menu_item():
    return RightMenuItem(
        _("Satisfaction survey results"),
        reverse("staff_survey"),
        icon_name="list-ul",
        order=810,
        right=SURVEY_RESULTS,
    )
