from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from prakat.agency.refusal import RightMenuItem
from prakat.engagement.counting import count_view
from prakat.engagement.templatetags.visitor_tags import VISITOR_STATISTICS_KEY
from prakat.engagement.views import STATISTICS, StaffStatisticsView, public_statistics

# The checklist category whose page invites the public to the satisfaction survey.
SATISFACTION_KEY = "satisfaction"


@hooks.register("before_serve_page")
def count_public_page_view(page, request, serve_args, serve_kwargs) -> None:
    if request.method == "GET" and not getattr(request, "is_preview", False):
        count_view(page.pk, request.headers.get("User-Agent", ""))


@hooks.register("category_page_blocks")
def visitor_statistics_block(page, request):
    if page.checklist_key == VISITOR_STATISTICS_KEY:
        return ("engagement/statistics_block.html", public_statistics())
    return None


@hooks.register("category_page_blocks")
def satisfaction_survey_block(page, request):
    if page.checklist_key == SATISFACTION_KEY:
        return ("engagement/survey_block.html", {})
    return None


@hooks.register("register_admin_urls")
def statistics_urls():
    return [path("statistics/", StaffStatisticsView.as_view(), name="staff_statistics")]


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return RightMenuItem(
        _("Visitor statistics"),
        reverse("staff_statistics"),
        icon_name="view",
        order=800,
        right=STATISTICS,
    )


# --- the satisfaction survey's results for staff ---------------------------------------------


@hooks.register("register_admin_urls")
def survey_urls():
    from prakat.engagement.survey_views import StaffSurveyView

    return [path("survey/", StaffSurveyView.as_view(), name="staff_survey")]


@hooks.register("register_admin_menu_item")
def survey_menu_item():
    from prakat.engagement.survey_views import SURVEY_RESULTS

    return RightMenuItem(
        _("Satisfaction survey results"),
        reverse("staff_survey"),
        icon_name="list-ul",
        order=810,
        right=SURVEY_RESULTS,
    )


# --- e-services: complaints and questions ---------------------------------------------------

from django.urls import include  # noqa: E402
from wagtail.admin.menu import Menu, SubmenuMenuItem  # noqa: E402

from prakat.engagement import eservice_admin, eservices  # noqa: E402

eservice_admin_urls = (
    [
        path("", eservice_admin.CaseListView.as_view(), name="cases"),
        path("<int:pk>/", eservice_admin.CaseDetailView.as_view(), name="case"),
        path(
            "<int:pk>/attachments/<int:attachment_pk>/",
            eservice_admin.download_attachment,
            name="attachment",
        ),
        path("handlers/", eservice_admin.handlers, name="handlers"),
        path("statistics/", eservice_admin.ReportView.as_view(), name="report"),
    ],
    "eservices_admin",
)


@hooks.register("register_admin_urls")
def eservice_urls():
    return [path("e-services/", include(eservice_admin_urls))]


class _ShownTo(MenuItem):
    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request) -> bool:
        return self.shown_to(request.user)


class _EServicesMenu(SubmenuMenuItem):
    def is_shown(self, request) -> bool:
        return eservices.may_use_cases(request.user) or eservices.may_name_handlers(request.user)


@hooks.register("register_admin_menu_item")
def eservices_menu_item():
    menu = Menu(
        items=[
            _ShownTo(
                _("Complaints and questions"),
                reverse("eservices_admin:cases"),
                icon_name="mail",
                order=1,
                shown_to=eservices.may_use_cases,
            ),
            _ShownTo(
                _("Complaint statistics"),
                reverse("eservices_admin:report"),
                icon_name="table",
                order=2,
                shown_to=eservices.sees_all_general_cases,
            ),
            _ShownTo(
                _("Corruption complaint handlers"),
                eservice_admin.handlers_setting_url(),
                icon_name="lock",
                order=3,
                shown_to=eservices.may_name_handlers,
            ),
        ]
    )
    return _EServicesMenu(_("E-services"), menu, icon_name="mail", order=790)
