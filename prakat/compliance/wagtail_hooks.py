from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from prakat.agency.refusal import RightMenuItem
from prakat.compliance import indicator_file_views, urls
from prakat.compliance.views import RIGHT


@hooks.register("register_admin_urls")
def compliance_urls():
    return [path("compliance/", include(urls, namespace="compliance"))]


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return RightMenuItem(
        _("Information completeness"),
        reverse("compliance:dashboard"),
        icon_name="tasks",
        order=60,
        right=RIGHT,
    )


@hooks.register("register_admin_menu_item")
def ita_menu_item():
    return RightMenuItem(
        _("ITA evidence"), reverse("compliance:ita"), icon_name="list-ul", order=61, right=RIGHT
    )


@hooks.register("register_settings_menu_item")
def indicator_files_menu_item():
    return RightMenuItem(
        _("ITA indicator files"),
        reverse("compliance:indicator_files"),
        icon_name="list-ul",
        order=700,
        right=indicator_file_views.RIGHT,
    )


INFORMATION_CENTRE_KEY = "oia-info-centre"


@hooks.register("checklist_entries_shown")
def information_centre_shown(site) -> set[str]:
    return {INFORMATION_CENTRE_KEY}


@hooks.register("category_page_blocks")
def information_centre_block(page, request):
    if page.checklist_key != INFORMATION_CENTRE_KEY:
        return None
    return (
        "content/links_block.html",
        {
            "heading": _("Electronic information centre"),
            "text": _(
                "What the Official Information Act (s.7 and s.9) asks the agency to publish, "
                "listed under the Act's headings."
            ),
            "links": [(reverse("information_centre"), _("Open the information centre"))],
        },
    )
