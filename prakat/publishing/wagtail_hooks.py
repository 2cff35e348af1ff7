from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from prakat.publishing import urls
from prakat.publishing.panels import PublishingPanel
from prakat.publishing.procurement_views import ProcurementSummaryViewSet
from prakat.publishing.viewsets import (
    MonthlyReportViewSet,
    NotificationViewSet,
    PublicationRequestViewSet,
)


@hooks.register("register_admin_urls")
def publishing_urls():
    return [path("publishing/", include(urls, namespace="publishing"))]


@hooks.register("register_admin_menu_item")
def ask_to_publish_menu_item():
    return MenuItem(
        _("Ask to publish"), reverse("publishing:request_new"), icon_name="plus", order=50
    )


@hooks.register("register_admin_viewset")
def publishing_listings():
    return [
        PublicationRequestViewSet(),
        NotificationViewSet(),
        MonthlyReportViewSet(),
        ProcurementSummaryViewSet(),
    ]


@hooks.register("construct_homepage_panels")
def publishing_panel(request, panels):
    panels.insert(0, PublishingPanel(request))
