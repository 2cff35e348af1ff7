from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from prakat.agency.refusal import RightMenuItem
from prakat.statistics.counting import count_view
from prakat.statistics.templatetags.visitor_tags import VISITOR_STATISTICS_KEY
from prakat.statistics.views import STATISTICS, StaffStatisticsView, public_statistics


@hooks.register("before_serve_page")
def count_public_page_view(page, request, serve_args, serve_kwargs) -> None:
    if request.method == "GET" and not getattr(request, "is_preview", False):
        count_view(page.pk, request.headers.get("User-Agent", ""))


@hooks.register("category_page_blocks")
def visitor_statistics_block(page, request):
    if page.checklist_key == VISITOR_STATISTICS_KEY:
        return ("statistics/block.html", public_statistics())
    return None


@hooks.register("checklist_entries_shown")
def visitor_statistics_shown(site) -> set[str]:
    return {VISITOR_STATISTICS_KEY}


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
