from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from prakat.compliance import urls
from prakat.compliance.views import may_see_compliance


@hooks.register("register_admin_urls")
def compliance_urls():
    return [path("compliance/", include(urls, namespace="compliance"))]


class OverseersMenuItem(MenuItem):
    """Shown only to those who may open it; requesters would meet a refusal."""

    def is_shown(self, request) -> bool:
        return may_see_compliance(request.user)


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return OverseersMenuItem(
        _("Information completeness"),
        reverse("compliance:dashboard"),
        icon_name="tasks",
        order=60,
    )


@hooks.register("register_admin_menu_item")
def ita_menu_item():
    return OverseersMenuItem(
        _("ITA evidence"), reverse("compliance:ita"), icon_name="list-ul", order=61
    )
