"""The events in the admin: Wagtail's snippet screens (list, draft, publish, history), in
the menu as the event calendar."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from prakat.content.events import Event


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Event calendar")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", Column("when", label=_("when")), "kind", "location"]
    list_filter = ["kind", "live"]
    search_fields = ["title", "location"]
    ordering = ["-starts_at"]
