from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from prakat.agency.models import Responsibility
from prakat.agency.refusal import RightMenuItem
from prakat.content.checklist import load_checklist
from prakat.publishing import urls
from prakat.publishing.views import unread_count


@hooks.register("register_admin_urls")
def publishing_urls():
    return [path("publishing/", include(urls, namespace="publishing"))]


class NotificationsMenuItem(MenuItem):
    """Shows the person's unread count in the menu label."""

    def render_component(self, request):
        component = super().render_component(request)
        count = unread_count(request.user)
        if count:
            component.label = gettext("Notifications (%(count)d unread)") % {"count": count}
        return component


@hooks.register("register_admin_menu_item")
def ask_to_publish_menu_item():
    return MenuItem(
        _("Ask to publish"), reverse("publishing:request_new"), icon_name="plus", order=50
    )


@hooks.register("register_admin_menu_item")
def requests_menu_item():
    return MenuItem(
        _("Publication requests"), reverse("publishing:request_list"), icon_name="tasks", order=51
    )


@hooks.register("register_admin_menu_item")
def notifications_menu_item():
    return NotificationsMenuItem(
        _("Notifications"), reverse("publishing:notifications"), icon_name="mail", order=52
    )


@hooks.register("register_admin_menu_item")
def monthly_reports_menu_item():
    from prakat.publishing.report_views import READ

    return RightMenuItem(
        _("Monthly publishing reports"),
        reverse("publishing:monthly_reports"),
        icon_name="table",
        order=53,
        right=READ,
    )


@hooks.register("construct_homepage_panels")
def publishing_panel(request, panels):
    from prakat.publishing.panels import PublishingPanel

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
