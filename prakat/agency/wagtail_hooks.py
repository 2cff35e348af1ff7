from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from prakat.agency.models import Executive, Unit


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
