from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from prakat.agency.models import Executive, Responsibility, Unit


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "agency"]
    search_fields = ["name", "name_en"]


register_snippet(UnitViewSet)


class ExecutiveViewSet(SnippetViewSet):
    model = Executive
    icon = "user"
    menu_label = _("Executives")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "position", "phone"]
    search_fields = ["name", "position"]


register_snippet(ExecutiveViewSet)


@hooks.register("register_permissions")
def rights_in_the_group_editor():
    """Every right of the matrix, for administrators to see and adjust on each role's group."""
    return Permission.objects.filter(content_type__app_label="agency", content_type__model="right")


def category_title(key: str) -> str:
    """A category's Thai title, as the site's checklist names it, else its key.

    The checklist is the content app's; it answers the ``category_title`` hook, so the
    agency, below it, names categories without importing it.
    """
    for hook in hooks.get_hooks("category_title"):
        if title := hook(key):
            return title
    return key


class CategoryColumn(Column):
    """The category's Thai title, not its key."""

    def get_value(self, instance):
        return category_title(instance.category_key)


class ResponsibilityViewSet(SnippetViewSet):
    """The responsibility matrix: who prepares, publishes and checks each category."""

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
