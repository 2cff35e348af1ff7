"""The event calendar, the clinics' schedules and the downloads centre in the admin:
Wagtail's snippet screens (list, draft, publish, history), grouped in one menu."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from prakat.content.downloads import Download
from prakat.content.events import Event
from prakat.content.schedules import Clinic, Doctor


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Event calendar")
    list_display = ["title", Column("when", label=_("when")), "kind", "location"]
    list_filter = ["kind", "live"]
    search_fields = ["title", "location"]
    ordering = ["-starts_at"]


class DoctorViewSet(SnippetViewSet):
    model = Doctor
    icon = "user"
    menu_label = _("Doctors")
    list_display = ["name", "specialty"]
    search_fields = ["name", "specialty"]


class ClinicViewSet(SnippetViewSet):
    model = Clinic
    icon = "table"
    menu_label = _("Clinic schedules")
    list_display = ["name", "place"]
    list_filter = ["live"]
    search_fields = ["name", "place"]


class DownloadViewSet(SnippetViewSet):
    model = Download
    icon = "download"
    menu_label = _("Downloads centre")
    list_display = ["title", "kind", "year", "download_count"]
    list_filter = ["kind", "year", "live"]
    search_fields = ["title", "description"]


class PublicServicesMenu(SnippetViewSetGroup):
    """What the public looks for beside the checklist: the event calendar, the clinics and
    their doctors, the downloads centre."""

    items = (EventViewSet, ClinicViewSet, DoctorViewSet, DownloadViewSet)
    menu_icon = "date"
    menu_label = _("Services for the public")
    menu_order = 250
