"""The event calendar, the clinics' schedules and the downloads centre in the admin:
Wagtail's snippet screens (list, draft, publish, history), grouped in one menu."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import chooser
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from prakat.content.downloads import Download
from prakat.content.events import Event
from prakat.content.schedules import Clinic, Doctor


class KeepersOnly:
    """Wagtail's snippet choosers ask no permission, and these list drafts (an event not yet
    announced, a download not yet published): only those who keep the model choose from it."""

    def dispatch(self, request, *args, **kwargs):
        meta = self.model._meta
        if not any(
            request.user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}")
            for action in ("add", "change", "publish")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class KeepersChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (KeepersOnly, chooser.ChooseView), {})
    choose_results_view_class = type(
        "ChooseResultsView", (KeepersOnly, chooser.ChooseResultsView), {}
    )
    chosen_view_class = type("ChosenView", (KeepersOnly, chooser.SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "ChosenMultipleView", (KeepersOnly, chooser.SnippetChosenMultipleView), {}
    )
    create_view_class = type("CreateView", (KeepersOnly, chooser.SnippetCreateView), {})


class EventViewSet(SnippetViewSet):
    chooser_viewset_class = KeepersChooserViewSet
    model = Event
    icon = "date"
    menu_label = _("Event calendar")
    list_display = ["title", Column("when", label=_("when")), "kind", "location"]
    list_filter = ["kind", "live"]
    search_fields = ["title", "location"]
    ordering = ["-starts_at"]


class DoctorViewSet(SnippetViewSet):
    chooser_viewset_class = KeepersChooserViewSet
    model = Doctor
    icon = "user"
    menu_label = _("Doctors")
    list_display = ["name", "specialty"]
    search_fields = ["name", "specialty"]


class ClinicViewSet(SnippetViewSet):
    chooser_viewset_class = KeepersChooserViewSet
    model = Clinic
    icon = "table"
    menu_label = _("Clinic schedules")
    list_display = ["name", "place"]
    list_filter = ["live"]
    search_fields = ["name", "place"]


class DownloadViewSet(SnippetViewSet):
    chooser_viewset_class = KeepersChooserViewSet
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
