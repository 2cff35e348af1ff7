from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from prakat.agency.refusal import RightMenuItem
from prakat.compliance import urls
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
