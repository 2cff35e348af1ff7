from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from prakat.agency.models import Responsibility
from prakat.content.checklist import load_checklist
from prakat.publishing import urls
from prakat.publishing.panels import PublishingPanel
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
    return [PublicationRequestViewSet(), NotificationViewSet(), MonthlyReportViewSet()]


@hooks.register("construct_homepage_panels")
def publishing_panel(request, panels):
    panels.insert(0, PublishingPanel(request))


class CategoryColumn(Column):
    """The category's Thai title from the checklist, not its key."""

    def get_value(self, instance):
        entry = load_checklist().by_key.get(instance.category_key)
        return entry.title_th if entry else instance.category_key


class ResponsibilityViewSet(SnippetViewSet):
    model = Responsibility
    icon = "table"
    menu_label = _("Responsibility matrix")
    menu_order = 310
    add_to_admin_menu = True
    list_display = [
        CategoryColumn("category_key", label=_("Category")),
        "reviewer",
        BooleanColumn("unit_publishes", label=_("the responsible unit publishes")),
    ]


register_snippet(ResponsibilityViewSet)
